package dev.kserve4j.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kserve4j.api.ResourceCodec;
import dev.kserve4j.api.v1beta1.InferenceService;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Knative's {@code autoscaling.knative.dev/*} annotations (on the InferenceService and on a
 * component) and the replica and scale-target fields, as admission refuses them.
 */
class KnativeScalingValidationTest {
  private static final String MODEL = "sklearn: {storageUri: gs://b/m}\n";
  private final ResourceCodec codec = new ResourceCodec();
  private final InferenceServiceValidator validator = new InferenceServiceValidator();

  private ValidationResult validate(String annotations, String predictorExtra) {
    return validator.validate(
        codec.read(
            "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n"
                + "  name: iris\n  annotations: {"
                + annotations
                + "}\nspec:\n  predictor:\n"
                + (MODEL + predictorExtra).indent(4),
            "test",
            InferenceService.class));
  }

  @Test
  void acceptsAValidKnativeSpec() {
    ValidationResult result =
        validate(
            "serving.kserve.io/deploymentMode: Knative,"
                + " autoscaling.knative.dev/min-scale: '1',"
                + " autoscaling.knative.dev/max-scale: '5',"
                + " autoscaling.knative.dev/metric: rps,"
                + " autoscaling.knative.dev/target: '0.5',"
                + " autoscaling.knative.dev/target-utilization-percentage: '70',"
                + " autoscaling.knative.dev/window: 1m30s,"
                + " autoscaling.knative.dev/panic-window-percentage: '10',"
                + " autoscaling.knative.dev/panic-threshold-percentage: '200',"
                + " autoscaling.knative.dev/initial-scale: '0'",
            "minReplicas: 1\nmaxReplicas: 3\nscaleMetric: concurrency\nscaleTarget: 10\n"
                + "annotations: {autoscaling.knative.dev/max-scale: '0'}\n");

    assertThat(result.errors()).isEmpty();
  }

  @Test
  void hpaClassTakesResourceMetrics() {
    assertThat(
            validate(
                    "autoscaling.knative.dev/class: hpa.autoscaling.knative.dev,"
                        + " autoscaling.knative.dev/metric: cpu",
                    "")
                .errors())
        .isEmpty();
  }

  @Test
  void standardModeLeavesKnativeAnnotationsAlone() {
    assertThat(
            validate(
                    "serving.kserve.io/deploymentMode: Standard,"
                        + " autoscaling.knative.dev/min-scale: '-1'",
                    "")
                .errors())
        .isEmpty();
  }

  static Stream<Arguments> refused() {
    String a = "metadata.annotations[autoscaling.knative.dev/";
    return Stream.of(
        Arguments.of(
            "autoscaling.knative.dev/min-scale: '-1'",
            "",
            a + "min-scale]",
            "expected 0 <= -1 <= 2147483647"),
        Arguments.of(
            "autoscaling.knative.dev/max-scale: '-2'",
            "",
            a + "max-scale]",
            "expected 0 <= -2 <= 2147483647"),
        Arguments.of(
            "autoscaling.knative.dev/min-scale: '4', autoscaling.knative.dev/max-scale: '2'",
            "",
            a + "max-scale]",
            "max-scale=2 is less than min-scale=4"),
        Arguments.of(
            "autoscaling.knative.dev/min-scale: lots", "", a + "min-scale]", "invalid value: lots"),
        Arguments.of(
            "autoscaling.knative.dev/metric: cpu", "", a + "metric]", "invalid value: cpu"),
        Arguments.of(
            "autoscaling.knative.dev/target: '0.001'",
            "",
            a + "target]",
            "target 0.001 should be at least 0.01"),
        Arguments.of(
            "autoscaling.knative.dev/target-utilization-percentage: '101'",
            "",
            a + "target-utilization-percentage]",
            "expected 1 <= 101 <= 100"),
        Arguments.of(
            "autoscaling.knative.dev/target-utilization-percentage: '0'",
            "",
            a + "target-utilization-percentage]",
            "expected 1 <= 0 <= 100"),
        Arguments.of(
            "autoscaling.knative.dev/window: 5s", "", a + "window]", "expected 6s <= 5s <= 1h0m0s"),
        Arguments.of(
            "autoscaling.knative.dev/window: 2h", "", a + "window]", "expected 6s <= 2h <= 1h0m0s"),
        Arguments.of(
            "autoscaling.knative.dev/window: 6500ms",
            "",
            a + "window]",
            "must be specified with at most second precision"),
        Arguments.of(
            "autoscaling.knative.dev/window: soon", "", a + "window]", "invalid value: soon"),
        Arguments.of(
            "autoscaling.knative.dev/panic-window-percentage: '0.5'",
            "",
            a + "panic-window-percentage]",
            "expected 1 <= 0.5 <= 100"),
        Arguments.of(
            "autoscaling.knative.dev/panic-threshold-percentage: '100'",
            "",
            a + "panic-threshold-percentage]",
            "expected 110 <= 100 <= 1000"),
        Arguments.of(
            "autoscaling.knative.dev/panic-threshold-percentage: '1001'",
            "",
            a + "panic-threshold-percentage]",
            "expected 110 <= 1001 <= 1000"),
        Arguments.of(
            "autoscaling.knative.dev/initial-scale: '-1'",
            "",
            a + "initial-scale]",
            "autoscaling.knative.dev/initial-scale must be greater than 0"),
        Arguments.of(
            "",
            "annotations: {autoscaling.knative.dev/min-scale: '-3'}\n",
            "spec.predictor.annotations[autoscaling.knative.dev/min-scale]",
            "expected 0 <= -3 <= 2147483647"),
        Arguments.of(
            "", "minReplicas: -1\n", "spec.predictor.minReplicas", "cannot be less than 0"),
        Arguments.of(
            "", "maxReplicas: -1\n", "spec.predictor.maxReplicas", "cannot be less than 0"),
        Arguments.of(
            "",
            "minReplicas: 4\nmaxReplicas: 2\n",
            "spec.predictor.minReplicas",
            "'MinReplicas' cannot be greater than MaxReplicas"),
        Arguments.of(
            "",
            "scaleMetric: rps\nscaleTarget: 0\n",
            "spec.predictor.scaleTarget",
            "the target for rps should be greater than 1"),
        Arguments.of(
            "",
            "scaleTarget: 0\n",
            "spec.predictor.scaleTarget",
            "the target for concurrency should be greater than 1"));
  }

  @ParameterizedTest
  @MethodSource("refused")
  void refusesNamingTheAnnotationOrField(
      String annotations, String predictorExtra, String path, String message) {
    ValidationResult result = validate(annotations, predictorExtra);

    assertThat(result.isValid()).isFalse();
    assertThat(result.errors())
        .anySatisfy(
            e -> {
              assertThat(e.path()).isEqualTo(path);
              assertThat(e.message()).contains(message);
            });
  }
}
