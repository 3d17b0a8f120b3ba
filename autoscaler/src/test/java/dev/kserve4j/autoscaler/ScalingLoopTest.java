package dev.kserve4j.autoscaler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The loop on a simulated replica set: 1 -> N -> 1 -> 0 -> 1 with a manual clock. */
class ScalingLoopTest {
  private final ManualClock clock = new ManualClock();
  private double concurrency;
  private int ready = 1;
  private final List<Integer> applied = new ArrayList<>();

  private final ReplicaRealizer realizer =
      new ReplicaRealizer() {
        @Override
        public int readyReplicas() {
          return ready;
        }

        @Override
        public void scaleTo(int desired, Decision why) {
          applied.add(desired);
          ready = desired; // replicas load at once in this simulation
        }
      };

  private ScalingLoop loop() {
    KpaSettings s =
        KpaSettings.defaults()
            .withTarget(1, 0.7, Duration.ofSeconds(6))
            .withScale(0, 5, 1000, 2)
            .withScaleToZeroGracePeriod(Duration.ofSeconds(4));
    return new ScalingLoop(
        "iris-predictor-00001",
        new KpaScaler(s, clock),
        () -> new MetricSource.Sample(concurrency, concurrency),
        realizer);
  }

  /** Runs the loop for {@code seconds}: a scrape every second, an evaluation every two. */
  private void run(ScalingLoop loop, int seconds) {
    for (int i = 0; i < seconds; i++) {
      clock.seconds(1);
      loop.scrape();
      if (i % 2 == 1) {
        loop.evaluate();
      }
    }
  }

  @Test
  void followsLoadUpDownToZeroAndBack() {
    ScalingLoop loop = loop();
    assertThat(loop.last().desired()).isEqualTo(1);
    concurrency = 3;
    run(loop, 10);
    assertThat(ready).isEqualTo(5); // ceil(3 / 0.7) = 5, the maximum
    concurrency = 0.5;
    run(loop, 20);
    assertThat(ready).isEqualTo(1); // ceil(0.5 / 0.7)
    concurrency = 0;
    run(loop, 30);
    assertThat(ready).isZero(); // 6 s window, then the 4 s grace period
    Decision poked = loop.poke();
    // The stable window still holds idle seconds: (0 * 5 + 1) / 6 -> ceil(0.17 / 0.7) = 1; the
    // 1 s panic window reads 1 -> ceil(1 / 0.7) = 2, twice the one replica counted: panic -> 2
    assertThat(poked).extracting(Decision::desired, Decision::panic).containsExactly(2, true);
    assertThat(applied).startsWith(5).contains(1, 0).endsWith(2);
  }

  @Test
  void noDataAppliesNothing() {
    ScalingLoop loop = loop();
    assertThat(loop.evaluate().desired()).isEqualTo(-1);
    assertThat(applied).isEmpty();
    assertThat(loop.last().reason()).isEqualTo("initial scale");
  }
}
