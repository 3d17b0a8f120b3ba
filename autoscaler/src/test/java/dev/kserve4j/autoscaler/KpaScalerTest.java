package dev.kserve4j.autoscaler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Knative's decision on simulated load series. Unless a test says otherwise: target 10 at 70%
 * utilization (7 per replica), a 60 s stable window (6 s panic window), threshold 200%, rates 1000
 * up and 2 down, no bounds, grace 30 s. Each expected count is worked out from Knative's rules in a
 * comment.
 */
class KpaScalerTest {
  private final ManualClock clock = new ManualClock();

  private static KpaSettings settings() {
    return KpaSettings.defaults().withTarget(10, 0.7, Duration.ofSeconds(60));
  }

  /** Records {@code concurrency} for {@code seconds} seconds, one sample a second. */
  private void load(KpaScaler s, double concurrency, int seconds) {
    for (int i = 0; i < seconds; i++) {
      clock.seconds(1);
      s.record(concurrency, concurrency);
    }
  }

  @Test
  void noDataMeansNoDecision() {
    assertThat(new KpaScaler(settings(), clock).decide(1).desired()).isEqualTo(-1);
  }

  @Test
  void steadyLoadGetsTheReplicasItNeeds() {
    KpaScaler s = new KpaScaler(settings(), clock);
    load(s, 21, 30);
    // ceil(21 / 7) = 3; panic: 3 / 3 ready = 1 < 2
    Decision d = s.decide(3);
    assertThat(d).extracting(Decision::desired, Decision::panic).containsExactly(3, false);
    assertThat(d.reason()).contains("concurrency 21.00 over the 60s stable window");
  }

  @Test
  void aRampIsFollowedUpwards() {
    KpaScaler s = new KpaScaler(settings(), clock);
    int ready = 1;
    List<Integer> counts = new ArrayList<>();
    for (int c = 7; c <= 70; c += 7) {
      load(s, c, 6);
      ready = s.decide(ready).desired();
      counts.add(ready);
    }
    assertThat(counts).isSorted();
    assertThat(counts.getLast()).isGreaterThanOrEqualTo(10); // the panic window sees 70: 70 / 7
  }

  @Test
  void aSpikePanicsAndHoldsItsCountUntilAStableWindowWithoutOverload() {
    KpaScaler s = new KpaScaler(settings(), clock);
    load(s, 7, 60);
    assertThat(s.decide(1).desired()).isEqualTo(1); // ceil(7 / 7)
    load(s, 70, 6);
    // panic window (6 s) average 70: ceil(70 / 7) = 10; 10 / 1 ready >= 2: panic
    Decision spike = s.decide(1);
    assertThat(spike.panic()).isTrue();
    assertThat(spike.desired()).isEqualTo(10);
    assertThat(spike.reason()).startsWith("panic: concurrency 70.00");
    load(s, 7, 10);
    // in panic the count never falls: still 10 though the panic window now reads 7
    assertThat(s.decide(10))
        .extracting(Decision::desired, Decision::panic)
        .containsExactly(10, true);
    load(s, 7, 51);
    // 61 s after the last overloaded decision: panic ends; the stable window (68..127 s) reads 7
    // -> ceil(7 / 7) = 1, raised to what the down rate allows, floor(10 / 2) = 5
    Decision calm = s.decide(10);
    assertThat(calm.panic()).isFalse();
    assertThat(calm.desired()).isEqualTo(5);
  }

  @Test
  void idleScalesToZeroOnlyAfterTheStableWindowAndTheGracePeriod() {
    KpaScaler s = new KpaScaler(settings(), clock); // active since t0 with one replica
    load(s, 7, 10);
    List<Integer> counts = new ArrayList<>();
    int firstZeroAt = -1;
    for (int t = 10; t < 200; t += 2) {
      load(s, 0, 2);
      int d = s.decide(1).desired();
      counts.add(d);
      if (d == 0 && firstZeroAt < 0) {
        firstZeroAt = t + 2;
      }
    }
    // The last load leaves the 60 s window at t = 70 (wants 0 from then on); the grace period of
    // 30 s then gives 0 at t = 100.
    assertThat(firstZeroAt).isBetween(100, 102);
    assertThat(counts.subList(0, counts.indexOf(0))).containsOnly(1);
  }

  @Test
  void aBurstFromZeroIsPokedToOneThenScaledByPanic() {
    KpaScaler s = new KpaScaler(settings(), clock);
    Decision poked = s.poke(0);
    assertThat(poked.desired()).isEqualTo(1); // ceil(1 / 7)
    load(s, 35, 2);
    // panic window: (1 + 35 + 35) / 3 = 23.67 -> ceil(23.67 / 7) = 4; 4 / 1 >= 2: panic
    Decision burst = s.decide(1);
    assertThat(burst.panic()).isTrue();
    assertThat(burst.desired()).isEqualTo(4);
  }

  @Test
  void rateLimitsBoundEachStep() {
    KpaScaler up =
        new KpaScaler(
            settings().withScale(0, 0, 2, 2).withTarget(10, 0.7, Duration.ofSeconds(60)), clock);
    load(up, 700, 10);
    assertThat(up.decide(1).desired()).isEqualTo(2); // ceil(2 * 1)
    assertThat(up.decide(3).desired()).isEqualTo(6); // ceil(2 * 3)
    KpaScaler down = new KpaScaler(settings().withScale(1, 0, 1000, 2), clock);
    load(down, 0.1, 10);
    assertThat(down.decide(10).desired()).isEqualTo(5); // floor(10 / 2)
    assertThat(down.decide(5).desired()).isEqualTo(2); // floor(5 / 2)
  }

  @Test
  void minAndMaxBoundTheCount() {
    KpaScaler capped = new KpaScaler(settings().withScale(0, 3, 1000, 2), clock);
    load(capped, 700, 10);
    Decision d = capped.decide(3);
    assertThat(d.desired()).isEqualTo(3);
    assertThat(d.reason()).contains("capped at the maximum");
    KpaScaler floor = new KpaScaler(settings().withScale(2, 0, 1000, 2), clock);
    load(floor, 0, 10);
    assertThat(floor.decide(2).desired()).isEqualTo(2);
  }

  @Test
  void aScaleDownDelayKeepsTheHighestCountWithinIt() {
    KpaScaler s =
        new KpaScaler(
            settings()
                .withTarget(10, 0.7, Duration.ofSeconds(6))
                .withScale(1, 0, 1000, 1000)
                .withScaleDownDelay(Duration.ofSeconds(10)),
            clock);
    load(s, 28, 10);
    assertThat(s.decide(4).desired()).isEqualTo(4); // ceil(28 / 7)
    load(s, 0, 6); // the 6 s window forgets the load: 0 wanted
    assertThat(s.decide(4).desired()).as("wanted 4 within the last 10 s").isEqualTo(4);
    load(s, 0, 5);
    assertThat(s.decide(4).desired()).isEqualTo(1); // 11 s later: min-scale
  }

  @Test
  void initialScaleHoldsUntilTheRevisionFirstHadIt() {
    KpaSettings d = settings();
    KpaSettings three =
        new KpaSettings(
            d.metric(),
            d.target(),
            d.targetUtilization(),
            d.stableWindow(),
            d.panicWindowPercentage(),
            d.panicThresholdPercentage(),
            d.maxScaleUpRate(),
            d.maxScaleDownRate(),
            0,
            0,
            3,
            d.scaleToZeroGracePeriod(),
            d.scaleDownDelay(),
            true,
            0);
    KpaScaler s = new KpaScaler(three, clock);
    load(s, 7, 10);
    assertThat(s.decide(1).desired()).isEqualTo(3);
    assertThat(s.decide(3).desired()).isEqualTo(1); // initialized once 3 were ready
  }

  @Test
  void rpsScalesOnRequestsPerSecond() {
    KpaSettings d = settings();
    KpaSettings rps =
        new KpaSettings(
            ScaleMetric.RPS,
            20,
            0.7,
            d.stableWindow(),
            d.panicWindowPercentage(),
            d.panicThresholdPercentage(),
            d.maxScaleUpRate(),
            d.maxScaleDownRate(),
            0,
            0,
            1,
            d.scaleToZeroGracePeriod(),
            d.scaleDownDelay(),
            true,
            0);
    KpaScaler s = new KpaScaler(rps, clock);
    for (int i = 0; i < 30; i++) {
      clock.seconds(1);
      s.record(1, 56); // little concurrency, 56 requests a second
    }
    assertThat(s.decide(4).desired()).isEqualTo(4); // ceil(56 / 14)
  }

  /** Cases of Knative's scaling/autoscaler_test.go: utilization 0.75, threshold 2, rates 10. */
  @Test
  void knativesTableCases() {
    KpaSettings knative =
        settings().withTarget(10, 0.75, Duration.ofSeconds(60)).withScale(0, 0, 10, 10);
    KpaScaler steady = new KpaScaler(knative, clock);
    load(steady, 50, 60);
    assertThat(steady.decide(7).desired()).isEqualTo(7); // ceil(50 / 7.5) = 7

    KpaScaler smallUp = new KpaScaler(knative.withScale(0, 0, 1.1, 10), clock);
    load(smallUp, 100, 60);
    assertThat(smallUp.decide(2).desired()).isEqualTo(3); // ceil(1.1 * 2)

    KpaScaler smallDown = new KpaScaler(knative.withScale(1, 0, 10, 1.1), clock);
    load(smallDown, 1, 60);
    assertThat(smallDown.decide(100).desired()).isEqualTo(90); // floor(100 / 1.1)

    KpaScaler limitedUp = new KpaScaler(knative, clock);
    load(limitedUp, 1000, 60);
    assertThat(limitedUp.decide(1).desired()).isEqualTo(10); // ceil(10 * 1), not 134
    assertThat(limitedUp.decide(10).desired()).isEqualTo(100); // ceil(10 * 10)
  }
}
