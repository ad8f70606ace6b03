package org.pathtovictory.web;

/**
 * The Content Security Policy of every page of ours: whatever is served outside Camunda's webapps
 * ({@code /camunda/*}, which send Camunda's own policy, {@code camunda.bpm.webapp.header-security})
 * and the JSON APIs ({@code /engine-rest/*}, {@code /api/*}, {@link WebSecurity#API_CSP}). The
 * security-headers filter ({@link WebSecurity}) sends it, so a new page (/tasks, /plan ...) has it
 * without asking; a page that needs more (a worker, another origin) widens it here, for its path,
 * with the reason.
 *
 * <p>What our pages may do under it: scripts and stylesheets from our own files only (built into
 * committed files, never inline, never from a CDN), images of our own or {@code data:}, requests to
 * our own server, forms posting to our own server; nobody may frame them.
 */
public final class PagePolicy {

  public static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none';"
          + " form-action 'self'; frame-ancestors 'none'";

  /**
   * The plan editor's pages ({@code /plan/...}): bpmn-js, dmn-js and form-js position what they
   * draw with inline styles, load their icon fonts as {@code data:} URLs and export diagrams as
   * {@code blob:} images. Scripts stay our own files only.
   */
  public static final String PLAN_EDITOR_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
          + " img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self';"
          + " object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  private PagePolicy() {}

  /** The policy of the page at {@code path} (without the context path), one of ours. */
  static String forPage(String path) {
    return path.equals("/plan") || path.startsWith("/plan/")
        ? PLAN_EDITOR_POLICY
        : CONTENT_SECURITY_POLICY;
  }

  /** Whether {@code path} (without the context path) is one of our pages, not Camunda's or JSON. */
  static boolean isOurPage(String path) {
    return !path.startsWith("/camunda/") && !path.equals("/camunda") && !WebSecurity.isApi(path);
  }
}
