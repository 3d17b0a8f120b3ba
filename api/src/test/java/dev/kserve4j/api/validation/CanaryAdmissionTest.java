package dev.kserve4j.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kserve4j.api.ResourceCodec;
import dev.kserve4j.api.ShadowPolicy;
import dev.kserve4j.api.v1beta1.InferenceService;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The canary specs KServe's webhook refuses ({@code validateCanarySpecs}) are denied with its
 * message, and what KServe ignores silently is warned about.
 */
class CanaryAdmissionTest {
  private static final String STANDARD = "serving.kserve.io/deploymentMode: Standard";
  private static final String STABLE = "predictor:\n  sklearn: {storageUri: gs://b/m}\n";

  private static final ResourceCodec codec = new ResourceCodec();
  private static final ValidatingWebhooks webhooks = new ValidatingWebhooks();

  private static InferenceService isvc(String annotations, String spec) {
    return codec.read(
        "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n"
            + "  name: iris\n  annotations: {"
            + annotations
            + "}\nspec:\n"
            + spec.indent(2),
        "test",
        InferenceService.class);
  }

  private static String canary(String... entries) {
    StringBuilder out = new StringBuilder("canary:\n");
    for (String entry : entries) {
      out.append("  - ").append(entry).append('\n');
    }
    return out.toString();
  }

  static Stream<Arguments> refused() {
    return Stream.of(
        Arguments.of(
            "a canary in Knative mode",
            "serving.kserve.io/deploymentMode: Serverless",
            STABLE
                + canary(
                    "{trafficPercent: 10, predictor: {name: a, sklearn: {storageUri: gs://c}}}"),
            "canary is only supported in Standard deployment mode"),
        Arguments.of(
            "a canary with no deployment mode",
            "",
            STABLE
                + canary(
                    "{trafficPercent: 10, predictor: {name: a, sklearn: {storageUri: gs://c}}}"),
            "canary is only supported in Standard deployment mode"),
        Arguments.of(
            "a stable predictor without a model",
            STANDARD,
            "predictor:\n  containers: [{name: kserve-container, image: x}]\n"
                + canary(
                    "{trafficPercent: 10, predictor: {name: a, sklearn: {storageUri: gs://c}}}"),
            "canary requires a stable predictor with a model (multi-model serving is not supported"
                + " with canary)"),
        Arguments.of(
            "a canary without a name",
            STANDARD,
            STABLE + canary("{trafficPercent: 10, predictor: {sklearn: {storageUri: gs://c}}}"),
            "canary[0] predictor.name is required"),
        Arguments.of(
            "two canaries of the same name",
            STANDARD,
            STABLE
                + canary(
                    "{trafficPercent: 10, predictor: {name: a, sklearn: {storageUri: gs://c}}}",
                    "{trafficPercent: 10, predictor: {name: a, sklearn: {storageUri: gs://d}}}"),
            "canary predictor.name \"a\" is duplicated"),
        Arguments.of(
            "a canary named as the stable predictor",
            STANDARD,
            "predictor:\n  name: a\n  sklearn: {storageUri: gs://b/m}\n"
                + canary(
                    "{trafficPercent: 10, predictor: {name: a, sklearn: {storageUri: gs://c}}}"),
            "canary predictor.name \"a\" conflicts with stable predictor name"),
        Arguments.of(
            "a canary weight under 0",
            STANDARD,
            STABLE
                + canary(
                    "{trafficPercent: -1, predictor: {name: a, sklearn: {storageUri: gs://c}}}"),
            "canary \"a\" trafficPercent must be between 0 and 100, got -1"),
        Arguments.of(
            "a canary weight over 100 (and so the sum)",
            STANDARD,
            STABLE
                + canary(
                    "{trafficPercent: 101, predictor: {name: a, sklearn: {storageUri: gs://c}}}"),
            "canary \"a\" trafficPercent must be between 0 and 100, got 101; sum of canary"
                + " trafficPercent values (101) must be <= 100"),
        Arguments.of(
            "canary weights summing over 100",
            STANDARD,
            STABLE
                + canary(
                    "{trafficPercent: 60, predictor: {name: a, sklearn: {storageUri: gs://c}}}",
                    "{trafficPercent: 41, predictor: {name: b, sklearn: {storageUri: gs://d}}}"),
            "sum of canary trafficPercent values (101) must be <= 100"),
        Arguments.of(
            "a canary with two implementations",
            STANDARD,
            STABLE
                + canary(
                    "{trafficPercent: 10, predictor: {name: a, model: {modelFormat: {name: onnx},"
                        + " storageUri: gs://c}, containers: [{name: kserve-container, image:"
                        + " x}]}}"),
            "canary \"a\" predictor: exactly one of [sklearn, xgboost, tensorflow, pytorch, triton,"
                + " onnx, huggingface, pmml, lightgbm, paddle, model, containers] must be specified"
                + " in PredictorSpec"),
        Arguments.of(
            "a canary with no implementation",
            STANDARD,
            STABLE + canary("{trafficPercent: 10, predictor: {name: a}}"),
            "canary \"a\" predictor: exactly one of [sklearn, xgboost, tensorflow, pytorch, triton,"
                + " onnx, huggingface, pmml, lightgbm, paddle, model, containers] must be specified"
                + " in PredictorSpec"),
        Arguments.of(
            "a canary with workerSpec",
            STANDARD,
            STABLE
                + canary(
                    "{trafficPercent: 10, predictor: {name: a, workerSpec: {}, sklearn:"
                        + " {storageUri: gs://c}}}"),
            "canary \"a\" must not set workerSpec (multi-node is not yet supported for canary)"),
        Arguments.of(
            "a canary with maxReplicas",
            STANDARD,
            STABLE
                + canary(
                    "{trafficPercent: 10, predictor: {name: a, maxReplicas: 3, sklearn:"
                        + " {storageUri: gs://c}}}"),
            "canary \"a\" must not set maxReplicas (canary uses fixed replicas)"),
        Arguments.of(
            "a canary with scaleTarget",
            STANDARD,
            STABLE
                + canary(
                    "{trafficPercent: 10, predictor: {name: a, scaleTarget: 50, sklearn:"
                        + " {storageUri: gs://c}}}"),
            "canary \"a\" must not set scaleTarget (canary uses fixed replicas)"),
        Arguments.of(
            "a canary with scaleMetric",
            STANDARD,
            STABLE
                + canary(
                    "{trafficPercent: 10, predictor: {name: a, scaleMetric: cpu, sklearn:"
                        + " {storageUri: gs://c}}}"),
            "canary \"a\" must not set scaleMetric (canary uses fixed replicas)"),
        Arguments.of(
            "a canary with autoScaling",
            STANDARD,
            STABLE
                + canary(
                    "{trafficPercent: 10, predictor: {name: a, autoScaling: {metrics: []}, sklearn:"
                        + " {storageUri: gs://c}}}"),
            "canary \"a\" must not set autoScaling (canary uses fixed replicas)"),
        Arguments.of(
            "a canary with more minReplicas than the stable predictor's default",
            STANDARD,
            STABLE
                + canary(
                    "{trafficPercent: 10, predictor: {name: a, minReplicas: 2, sklearn:"
                        + " {storageUri: gs://c}}}"),
            "canary \"a\" minReplicas (2) must not exceed stable predictor minReplicas (1)"),
        Arguments.of(
            "a canary with more minReplicas than the stable predictor",
            STANDARD,
            "predictor:\n  minReplicas: 2\n  sklearn: {storageUri: gs://b/m}\n"
                + canary(
                    "{trafficPercent: 10, predictor: {name: a, minReplicas: 3, sklearn:"
                        + " {storageUri: gs://c}}}"),
            "canary \"a\" minReplicas (3) must not exceed stable predictor minReplicas (2)"),
        Arguments.of(
            "a canary whose extension is invalid",
            STANDARD,
            STABLE
                + canary(
                    "{trafficPercent: 10, predictor: {name: a, containerConcurrency: -1, sklearn:"
                        + " {storageUri: gs://c}}}"),
            "canary \"a\" predictor: parallelism cannot be less than 0"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void refusedWithKServesMessage(String what, String annotations, String spec, String message) {
    assertThat(webhooks.inferenceService(isvc(annotations, spec), null)).hasValue(message);
  }

  static Stream<Arguments> admitted() {
    return Stream.of(
        Arguments.of(
            "a canary with the stable predictor's minReplicas and no weight",
            STANDARD,
            "predictor:\n  minReplicas: 2\n  sklearn: {storageUri: gs://b/m}\n"
                + canary("{predictor: {name: a, minReplicas: 2, sklearn: {storageUri: gs://c}}}")),
        Arguments.of(
            "canary weights summing to 100",
            STANDARD,
            STABLE
                + canary(
                    "{trafficPercent: 60, predictor: {name: a, sklearn: {storageUri: gs://c}}}",
                    "{trafficPercent: 40, predictor: {name: b, sklearn: {storageUri: gs://d}}}")),
        Arguments.of(
            "a custom stable predictor with STORAGE_URI",
            STANDARD,
            "predictor:\n"
                + "  containers: [{name: kserve-container, image: x, env: [{name: STORAGE_URI,"
                + " value: gs://b/m}]}]\n"
                + canary(
                    "{trafficPercent: 10, predictor: {name: a, sklearn: {storageUri: gs://c}}}")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("admitted")
  void admitted(String what, String annotations, String spec) {
    InferenceService isvc = isvc(annotations, spec);
    assertThat(webhooks.inferenceService(isvc, null)).isEmpty();
    assertThat(webhooks.inferenceServiceWarnings(isvc)).isEmpty();
  }

  @Test
  void canaryTrafficPercentInStandardModeIsAdmittedWithAWarning() {
    InferenceService standard =
        isvc(STANDARD, "predictor:\n  canaryTrafficPercent: 10\n  sklearn: {storageUri: gs://b}\n");
    InferenceService legacy =
        isvc(
            "serving.kserve.io/deploymentMode: RawDeployment",
            "predictor:\n  canaryTrafficPercent: 10\n  sklearn: {storageUri: gs://b}\n");
    InferenceService knative =
        isvc(
            "serving.kserve.io/deploymentMode: Knative",
            "predictor:\n  canaryTrafficPercent: 10\n  sklearn: {storageUri: gs://b}\n");

    assertThat(webhooks.inferenceService(standard, null)).isEmpty();
    assertThat(webhooks.inferenceServiceWarnings(standard))
        .containsExactly(
            "spec.predictor.canaryTrafficPercent has no effect in Standard deployment mode: all"
                + " traffic goes to the predictor (expected: spec.canary[] with trafficPercent for"
                + " a canary in Standard mode, or canaryTrafficPercent in Knative mode)");
    assertThat(webhooks.inferenceServiceWarnings(legacy))
        .containsExactly(InferenceServiceWarnings.STANDARD_CANARY_PERCENT);
    assertThat(webhooks.inferenceServiceWarnings(knative)).isEmpty();
  }

  @Test
  void shadowAnnotationsWithoutACanaryAreWarnedAbout() {
    String shadow = ShadowPolicy.PERCENT_ANNOTATION + ": '10'";
    InferenceService noCanary = isvc(STANDARD + ", " + shadow, STABLE);
    InferenceService knativeCanary =
        isvc(
            "serving.kserve.io/deploymentMode: Knative, " + shadow,
            "predictor:\n  canaryTrafficPercent: 0\n  sklearn: {storageUri: gs://b}\n");
    InferenceService standardCanary =
        isvc(
            STANDARD + ", " + shadow,
            STABLE + canary("{predictor: {name: a, sklearn: {storageUri: gs://c}}}"));
    InferenceService toleranceOnly =
        isvc(STANDARD + ", " + ShadowPolicy.TOLERANCE_ANNOTATION + ": '0.01'", STABLE);

    assertThat(webhooks.inferenceServiceWarnings(noCanary))
        .containsExactly(
            "annotation serving.kserve4j.dev/shadow-percent has no effect without a canary:"
                + " nothing is mirrored (expected: spec.canary[] in Standard mode, or"
                + " spec.predictor.canaryTrafficPercent in Knative mode)");
    assertThat(webhooks.inferenceServiceWarnings(knativeCanary)).isEmpty();
    assertThat(webhooks.inferenceServiceWarnings(standardCanary)).isEmpty();
    assertThat(webhooks.inferenceServiceWarnings(toleranceOnly))
        .containsExactly(
            "annotation serving.kserve4j.dev/shadow-tolerance has no effect without"
                + " serving.kserve4j.dev/shadow-percent");
  }

  static Stream<Arguments> badShadowAnnotations() {
    String percent =
        "annotation serving.kserve4j.dev/shadow-percent is \"%s\" (expected a number from 0 to"
            + " 100 with at most 4 decimals, e.g. \"10\" or \"0.5\")";
    String tolerance =
        "annotation serving.kserve4j.dev/shadow-tolerance is \"%s\" (expected a finite number of"
            + " at least 0, e.g. \"1e-6\" or \"0.001\")";
    return Stream.of(
        Arguments.of(ShadowPolicy.PERCENT_ANNOTATION, "101", percent.formatted("101")),
        Arguments.of(ShadowPolicy.PERCENT_ANNOTATION, "-5", percent.formatted("-5")),
        Arguments.of(ShadowPolicy.PERCENT_ANNOTATION, "ten", percent.formatted("ten")),
        Arguments.of(ShadowPolicy.PERCENT_ANNOTATION, "10%", percent.formatted("10%")),
        Arguments.of(ShadowPolicy.PERCENT_ANNOTATION, "0.00001", percent.formatted("0.00001")),
        Arguments.of(ShadowPolicy.PERCENT_ANNOTATION, "", percent.formatted("")),
        Arguments.of(ShadowPolicy.TOLERANCE_ANNOTATION, "-1e-6", tolerance.formatted("-1e-6")),
        Arguments.of(ShadowPolicy.TOLERANCE_ANNOTATION, "NaN", tolerance.formatted("NaN")),
        Arguments.of(ShadowPolicy.TOLERANCE_ANNOTATION, "1e999", tolerance.formatted("1e999")),
        Arguments.of(ShadowPolicy.TOLERANCE_ANNOTATION, "small", tolerance.formatted("small")));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("badShadowAnnotations")
  void badShadowAnnotationsAreDeniedSayingWhatIsExpected(
      String annotation, String value, String message) {
    InferenceService isvc =
        isvc(
            STANDARD + ", " + annotation + ": '" + value + "'",
            STABLE
                + canary(
                    "{trafficPercent: 10, predictor: {name: a, sklearn: {storageUri: gs://c}}}"));
    assertThat(webhooks.inferenceService(isvc, null)).hasValue(message);
  }
}
