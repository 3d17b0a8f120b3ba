package dev.kserve4j.autoscaler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MetricWindowTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static Instant at(long seconds) {
    return T0.plusSeconds(seconds);
  }

  @Test
  void aPartlyFilledWindowAveragesOverTheSecondsItHasSeen() {
    MetricWindow w = new MetricWindow(Duration.ofSeconds(10));
    w.record(at(0), 4);
    w.record(at(1), 8);
    assertThat(w.average(at(1))).isEqualTo(6); // (4 + 8) / 2, not / 10
  }

  @Test
  void valuesOfOneSecondAreSummed() {
    MetricWindow w = new MetricWindow(Duration.ofSeconds(10));
    w.record(at(0), 1);
    w.record(at(0).plusMillis(500), 2);
    assertThat(w.average(at(0))).isEqualTo(3);
  }

  @Test
  void holesCountAsZeroAndSecondsAfterTheLastWriteToo() {
    MetricWindow w = new MetricWindow(Duration.ofSeconds(10));
    w.record(at(0), 6);
    w.record(at(2), 3);
    assertThat(w.average(at(2))).isEqualTo(3); // (6 + 0 + 3) / 3
    assertThat(w.average(at(5))).isEqualTo(1.5); // (6 + 0 + 3 + 0 + 0 + 0) / 6
  }

  @Test
  void oldBucketsLeaveTheWindow() {
    MetricWindow w = new MetricWindow(Duration.ofSeconds(4));
    for (int s = 0; s < 8; s++) {
      w.record(at(s), s);
    }
    assertThat(w.average(at(7))).isEqualTo((4 + 5 + 6 + 7) / 4.0);
  }

  @Test
  void aWindowWithoutDataForItsLengthIsEmptyAndStartsAgain() {
    MetricWindow w = new MetricWindow(Duration.ofSeconds(4));
    w.record(at(0), 8);
    assertThat(w.isEmpty(at(3))).isFalse();
    assertThat(w.isEmpty(at(4))).isTrue();
    assertThat(w.average(at(4))).isZero();
    w.record(at(10), 2);
    assertThat(w.average(at(10))).isEqualTo(2); // a new series: one second seen
  }
}
