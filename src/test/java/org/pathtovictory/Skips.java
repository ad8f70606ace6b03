package org.pathtovictory;

import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Method;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestWatcher;
import org.opentest4j.TestAbortedException;

/**
 * Skips are visible and rare: a test that cannot run for a missing tool says why on the console,
 * and in CI (the environment variable {@code CI} set, as .ci/run sets it) a skip fails instead, so
 * a green build never hides a suite that did not run. Registered for every test class by JUnit's
 * extension auto-detection (src/test/resources/META-INF/services and junit-platform.properties),
 * which also catches an {@code Assumptions} call that does not go through {@link #because}.
 */
public final class Skips
    implements TestWatcher,
        TestExecutionExceptionHandler,
        LifecycleMethodExecutionExceptionHandler {

  /** Skips the test (or class, from a {@code @BeforeAll}) for this reason; fails in CI. */
  public static void because(String reason) {
    if (inCi()) {
      fail(reason + ": CI must have it, a skip would hide the tests");
    }
    Assumptions.abort(reason); // printed by this class as an extension, with the test's name
  }

  static boolean inCi() {
    String ci = System.getenv("CI");
    return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false");
  }

  @Override
  public void testAborted(ExtensionContext context, Throwable cause) {
    System.err.println("SKIPPED " + name(context) + ": " + cause.getMessage());
  }

  @Override
  public void testDisabled(ExtensionContext context, java.util.Optional<String> reason) {
    System.err.println("SKIPPED " + name(context) + ": " + reason.orElse("disabled"));
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable throwable)
      throws Throwable {
    throw inCiAsFailure(context, throwable);
  }

  @Override
  public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable throwable)
      throws Throwable {
    if (throwable instanceof TestAbortedException) {
      System.err.println("SKIPPED " + name(context) + ": " + throwable.getMessage());
    }
    throw inCiAsFailure(context, throwable);
  }

  @Override
  public void handleBeforeEachMethodExecutionException(
      ExtensionContext context, Throwable throwable) throws Throwable {
    throw inCiAsFailure(context, throwable);
  }

  private static Throwable inCiAsFailure(ExtensionContext context, Throwable throwable) {
    if (throwable instanceof TestAbortedException && inCi()) {
      return new AssertionError(
          name(context) + " skipped in CI: " + throwable.getMessage(), throwable);
    }
    return throwable;
  }

  private static String name(ExtensionContext context) {
    return context.getRequiredTestClass().getSimpleName()
        + context.getTestMethod().map(Method::getName).map(m -> "#" + m).orElse("");
  }
}
