package org.pathtovictory.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.ClockedStartup;
import org.springframework.core.metrics.StartupStep;

/** The trace ranks steps by their own time: a step's inner steps are not counted twice. */
class StartupTraceTest {

  @Test
  void aStepIsRankedByItsOwnTimeWithoutTheStepsInsideIt() {
    // the steps take exactly what the clock says, not what a pause lasts on a loaded machine
    ClockedStartup.MovedClock clock = new ClockedStartup.MovedClock();
    BufferingApplicationStartup recorded = ClockedStartup.on(clock);
    StartupStep outer = recorded.start("spring.beans.instantiate").tag("beanName", "outer");
    clock.advance(Duration.ofMillis(40));
    StartupStep inner = recorded.start("spring.beans.instantiate").tag("beanName", "processEngine");
    clock.advance(Duration.ofMillis(400));
    inner.end();
    outer.end();

    List<String> lines = StartupTrace.slowest(recorded.getBufferedTimeline().getEvents(), 25);

    // the outer bean took longer in all, but almost all of that was the engine inside it
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).endsWith("spring.beans.instantiate beanName=processEngine");
    assertThat(lines.get(1)).endsWith("spring.beans.instantiate beanName=outer");
    double engineOwn = Double.parseDouble(lines.get(0).strip().split(" ")[0]);
    double outerOwn = Double.parseDouble(lines.get(1).strip().split(" ")[0]);
    assertThat(engineOwn).isEqualTo(0.4);
    assertThat(outerOwn).isEqualTo(0.04);
  }

  @Test
  void theCountLimitsTheLines() {
    BufferingApplicationStartup recorded = new BufferingApplicationStartup(100);
    for (int i = 0; i < 5; i++) {
      recorded.start("step").tag("n", String.valueOf(i)).end();
    }
    assertThat(StartupTrace.slowest(recorded.getBufferedTimeline().getEvents(), 3)).hasSize(3);
  }
}
