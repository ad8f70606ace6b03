package org.pathtovictory.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Date;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pathtovictory.WebTestSupport;

/**
 * Sign-in throttling and the password policy, as Camunda enforces them with our settings: a wrong
 * password makes the next try wait, ten in a row lock the account until an administrator unlocks
 * it, and a weak password is never stored.
 */
class LoginThrottlingTest extends WebTestSupport {

  static final String RIGHT = "Canvass-Turf-24!";

  @AfterEach
  void cleanUp() {
    ClockUtil.reset();
    identityService.deleteUser("throttled-volunteer");
  }

  @Test
  void aWrongPasswordMakesTheNextTryWaitAndTenLockTheAccount() {
    User user = identityService.newUser("throttled-volunteer");
    user.setPassword(RIGHT);
    identityService.saveUser(user);
    long now = System.currentTimeMillis();
    ClockUtil.setCurrentTime(new Date(now));

    assertThat(identityService.checkPassword("throttled-volunteer", "guess-1")).isFalse();
    // within the delay even the right password is refused, over HTTP too
    assertThat(identityService.checkPassword("throttled-volunteer", RIGHT)).isFalse();
    // after the delay (3 s after the first failure) the right password works again
    ClockUtil.setCurrentTime(new Date(now + 10_000));
    assertThat(identityService.checkPassword("throttled-volunteer", RIGHT)).isTrue();

    // ten wrong passwords in a row, each after its delay, lock the account for good
    long t = now + 20_000;
    for (int i = 0; i < 10; i++) {
      t += 61_000;
      ClockUtil.setCurrentTime(new Date(t));
      assertThat(identityService.checkPassword("throttled-volunteer", "guess-" + i)).isFalse();
    }
    ClockUtil.setCurrentTime(new Date(t + 3_600_000));
    assertThat(identityService.checkPassword("throttled-volunteer", RIGHT)).isFalse();
    assertThat(
            send(request("/engine-rest/task", null)
                    .header("Authorization", basic("throttled-volunteer", RIGHT))
                    .build())
                .statusCode())
        .isEqualTo(401);
    // an administrator unlocks it (Camunda Admin, Users, the user, Unlock)
    identityService.unlockUser("throttled-volunteer");
    assertThat(identityService.checkPassword("throttled-volunteer", RIGHT)).isTrue();
  }

  @Test
  void aWeakPasswordIsNeverStored() {
    User user = identityService.newUser("throttled-volunteer");
    user.setPassword("password");
    assertThatThrownBy(() -> identityService.saveUser(user))
        .isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("policy");
    assertThat(identityService.createUserQuery().userId("throttled-volunteer").count()).isZero();
    // so the invitation page and Camunda Admin refuse it too; a strong one is kept
    user.setPassword(RIGHT);
    identityService.saveUser(user);
    assertThat(identityService.checkPassword("throttled-volunteer", RIGHT)).isTrue();
  }
}
