package dev.kserve4j.autoscaler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kserve4j.common.KServeException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KpaSettingsTest {
  private static final String P = "spec.predictor";

  private static KpaSettings of(
      Integer min,
      Integer max,
      Integer target,
      String metric,
      Integer cc,
      Map<String, String> annotations) {
    return KpaSettings.fromInferenceService(P, min, max, target, metric, cc, annotations);
  }

  @Test
  void knativeDefaults() {
    KpaSettings d = KpaSettings.defaults();
    assertThat(d.metric()).isEqualTo(ScaleMetric.CONCURRENCY);
    assertThat(d.targetPerReplica()).isEqualTo(70.0);
    assertThat(d.stableWindow()).isEqualTo(Duration.ofSeconds(60));
    assertThat(d.panicWindow()).isEqualTo(Duration.ofSeconds(6));
    assertThat(d.panicThresholdPercentage()).isEqualTo(200);
    assertThat(d.maxScaleUpRate()).isEqualTo(1000);
    assertThat(d.maxScaleDownRate()).isEqualTo(2);
    assertThat(d.scaleToZeroGracePeriod()).isEqualTo(Duration.ofSeconds(30));
    assertThat(d.initialScale()).isEqualTo(1);
  }

  @Test
  void kserveFieldsMapAsKServeHandsThemToKnative() {
    KpaSettings unset = of(null, null, null, null, null, Map.of());
    assertThat(unset.minScale()).isEqualTo(1); // KServe's DefaultMinReplicas
    assertThat(unset.maxScale()).isZero();
    KpaSettings zero = of(0, 5, 3, "rps", 4, Map.of());
    assertThat(zero.minScale()).isZero();
    assertThat(zero.maxScale()).isEqualTo(5);
    assertThat(zero.metric()).isEqualTo(ScaleMetric.RPS);
    assertThat(zero.target()).isEqualTo(3);
    assertThat(zero.containerConcurrency()).isEqualTo(4);
    assertThat(of(null, null, null, null, 10, Map.of()).target())
        .as("the target never exceeds containerConcurrency")
        .isEqualTo(10);
    assertThat(of(null, null, null, "rps", null, Map.of()).target()).isEqualTo(200);
  }

  @Test
  void annotationsOverrideTheFields() {
    KpaSettings s =
        of(
            1,
            3,
            5,
            "concurrency",
            null,
            Map.of(
                "autoscaling.knative.dev/target", "2.5",
                "autoscaling.knative.dev/target-utilization-percentage", "50",
                "autoscaling.knative.dev/window", "1m30s",
                "autoscaling.knative.dev/panic-window-percentage", "20",
                "autoscaling.knative.dev/panic-threshold-percentage", "150",
                "autoscaling.knative.dev/min-scale", "0",
                "autoscaling.knative.dev/max-scale", "8",
                "autoscaling.knative.dev/initial-scale", "2",
                "autoscaling.knative.dev/scale-down-delay", "15s",
                "autoscaling.knative.dev/metric", "rps"));
    assertThat(s.target()).isEqualTo(2.5);
    assertThat(s.targetPerReplica()).isEqualTo(1.25);
    assertThat(s.stableWindow()).isEqualTo(Duration.ofSeconds(90));
    assertThat(s.panicWindow()).isEqualTo(Duration.ofSeconds(18));
    assertThat(s.panicThresholdPercentage()).isEqualTo(150);
    assertThat(s.minScale()).isZero();
    assertThat(s.maxScale()).isEqualTo(8);
    assertThat(s.initialScale()).isEqualTo(2);
    assertThat(s.scaleDownDelay()).isEqualTo(Duration.ofSeconds(15));
    assertThat(s.metric()).isEqualTo(ScaleMetric.RPS);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "negative minReplicas | -1 | | | | | | spec.predictor.minReplicas: -1 is invalid"
            + " ('MinReplicas' cannot be less than 0)",
        "negative maxReplicas | | -2 | | | | | spec.predictor.maxReplicas: -2 is invalid"
            + " ('MaxReplicas' cannot be less than 0)",
        "min over max | 4 | 2 | | | | | spec.predictor.minReplicas: 4 is invalid ('MinReplicas'"
            + " cannot be greater than MaxReplicas)",
        "unknown metric | | | | latency | | | spec.predictor.scaleMetric: \"latency\" is invalid"
            + " (the pod autoscaler scales on concurrency or rps)",
        "cpu metric | | | | cpu | | | cpu and memory need the HPA",
        "scaleTarget 0 | | | 0 | | | | spec.predictor.scaleTarget: 0 is invalid (the target should"
            + " be at least 1",
        "target 0 | | | | | target | 0 | metadata.annotations.autoscaling.knative.dev/target: \"0\""
            + " is invalid (target 0 should be at least 0.01)",
        "window 5s | | | | | window | 5s | autoscaling.knative.dev/window: \"5s\" is invalid"
            + " (expected 6s <= value <= 1h0m0s)",
        "window 2h | | | | | window | 2h | autoscaling.knative.dev/window: \"2h\" is invalid"
            + " (expected 6s <= value <= 1h0m0s)",
        "window not a duration | | | | | window | soon | expected a duration such as 60s",
        "panic window 0 | | | | | panic-window-percentage | 0 | expected 1 <= value <= 100",
        "panic threshold 100 | | | | | panic-threshold-percentage | 100 | expected 110 <= value <="
            + " 1000",
        "utilization 101 | | | | | target-utilization-percentage | 101 | expected 1 <= value <="
            + " 100",
        "min-scale over max-scale | | | | | min-scale | 9 | min-scale=9 is greater than"
            + " max-scale=3",
        "negative initial-scale | | | | | initial-scale | -1 |"
            + " autoscaling.knative.dev/initial-scale: \"-1\" is invalid (expected 0 <= value)",
        "unknown annotation metric | | | | | metric | cpu | autoscaling.knative.dev/metric: \"cpu\""
            + " is invalid",
      })
  void refusesWhatKnativeAndKServeRefuseNamingTheField(
      String what,
      Integer min,
      Integer max,
      Integer target,
      String metric,
      String annotation,
      String value,
      String message) {
    Map<String, String> annotations =
        annotation == null
            ? Map.of()
            : annotation.equals("min-scale")
                ? Map.of(
                    "autoscaling.knative.dev/min-scale",
                    value,
                    "autoscaling.knative.dev/max-scale",
                    "3")
                : Map.of("autoscaling.knative.dev/" + annotation, value);
    assertThatThrownBy(() -> of(min, max, target, metric, null, annotations))
        .isInstanceOf(KServeException.class)
        .hasMessageContaining(message);
  }
}
