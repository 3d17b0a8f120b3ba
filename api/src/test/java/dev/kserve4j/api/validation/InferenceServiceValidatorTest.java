package dev.kserve4j.api.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kserve4j.api.ResourceCodec;
import dev.kserve4j.api.v1beta1.InferenceService;
import dev.kserve4j.common.KServeException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class InferenceServiceValidatorTest {
  private final ResourceCodec codec = new ResourceCodec();
  private final InferenceServiceValidator validator = new InferenceServiceValidator();

  private InferenceService read(String name, String annotations, String specYaml) {
    return codec.read(
        "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: "
            + name
            + "\n  annotations: {"
            + annotations
            + "}\nspec:\n"
            + specYaml.indent(2),
        "test",
        InferenceService.class);
  }

  static Stream<Arguments> validSpecs() {
    return Stream.of(
        Arguments.of("iris", "", "predictor:\n  sklearn:\n    storageUri: gs://b/m\n"),
        Arguments.of("a".repeat(63), "", "predictor:\n  sklearn: {storageUri: gs://b}\n"),
        Arguments.of(
            "a-1",
            "",
            "predictor:\n"
                + "  model:\n"
                + "    modelFormat: {name: onnx}\n"
                + "  minReplicas: 0\n"
                + "  maxReplicas: 3\n"),
        Arguments.of(
            "iris",
            "",
            "predictor:\n"
                + "  containers: [{name: kserve-container, image: x}, {name: side, image: y}]\n"),
        Arguments.of(
            "iris",
            "",
            "predictor:\n  sklearn: {storageUri: gs://b}\n  minReplicas: 2\n  maxReplicas: 0\n"),
        Arguments.of(
            "iris",
            "",
            "predictor:\n"
                + "  sklearn: {storageUri: gs://b}\n"
                + "  canaryTrafficPercent: 100\n"
                + "  containerConcurrency: 0\n"),
        Arguments.of(
            "iris",
            "serving.kserve.io/deploymentMode: Standard, serving.kserve.io/autoscalerClass: hpa",
            "predictor:\n"
                + "  sklearn: {storageUri: gs://b}\n"
                + "  scaleMetric: memory\n"
                + "  scaleTarget: 500\n"),
        Arguments.of(
            "iris",
            "serving.kserve.io/deploymentMode: Standard",
            "predictor:\n"
                + "  model: {modelFormat: {name: sklearn}, storageUri: gs://b}\n"
                + "canary:\n"
                + "  - trafficPercent: 10\n"
                + "    predictor: {name: v2, minReplicas: 1, model: {modelFormat: {name: sklearn},"
                + " storageUri: gs://c}}\n"),
        Arguments.of(
            "iris",
            "",
            "predictor:\n"
                + "  sklearn: {storageUri: gs://b}\n"
                + "transformer:\n"
                + "  containers: [{image: t}]\n"));
  }

  @ParameterizedTest
  @MethodSource("validSpecs")
  void acceptsValidSpecs(String name, String annotations, String spec) {
    ValidationResult result = validator.validate(read(name, annotations, spec));

    assertThat(result.errors()).isEmpty();
    assertThat(result.isValid()).isTrue();
  }

  static Stream<Arguments> invalidSpecs() {
    String ok = "  sklearn: {storageUri: gs://b}\n";
    String std = "serving.kserve.io/deploymentMode: Standard";
    return Stream.of(
        Arguments.of(
            "Iris",
            "",
            "predictor:\n" + ok,
            "metadata.name",
            "Iris",
            "a InferenceService name must consist of lower case"),
        Arguments.of(
            "1abc",
            "",
            "predictor:\n" + ok,
            "metadata.name",
            "1abc",
            "regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?'"),
        Arguments.of(
            "A_B",
            "",
            "predictor:\n" + ok,
            "metadata.name",
            "A_B",
            "the InferenceService \"A_B\" is invalid: a InferenceService name must consist of lower"
                + " case alphanumeric characters or '-', and must start with alphabetical"
                + " character. (e.g. \"my-name\" or \"abc-123\", regex used for validation is"
                + " '[a-z]([-a-z0-9]*[a-z0-9])?')"),
        Arguments.of(
            "../../etc",
            "",
            "predictor:\n" + ok,
            "metadata.name",
            "../../etc",
            "the InferenceService \"../../etc\" is invalid"),
        Arguments.of(
            "a".repeat(64),
            "",
            "predictor:\n" + ok,
            "metadata.name",
            "a".repeat(64),
            "the InferenceService \""
                + "a".repeat(64)
                + "\" is invalid: metadata.name: Invalid value: \""
                + "a".repeat(64)
                + "\": must be no more than 63 characters"),
        Arguments.of(
            "iris",
            "",
            "predictor:\n  minReplicas: 1\n",
            "spec.predictor",
            null,
            "exactly one of [sklearn, xgboost"),
        Arguments.of(
            "iris",
            "",
            "predictor:\n" + ok + "  model: {modelFormat: {name: onnx}}\n",
            "spec.predictor",
            "[sklearn, model]",
            "must be specified in PredictorSpec"),
        Arguments.of(
            "iris",
            "",
            "predictor:\n" + ok + "  containers: [{name: kserve-container, image: x}]\n",
            "spec.predictor",
            "[sklearn, containers]",
            "exactly one of"),
        Arguments.of(
            "iris",
            "",
            "predictor:\n  sklearn: {name: c, storageUri: gs://b}\n",
            "spec.predictor.sklearn.name",
            "c",
            "the 'name' field is not allowed in standard predictor"),
        Arguments.of(
            "iris",
            "",
            "predictor:\n  model: {modelFormat: {version: '1'}}\n",
            "spec.predictor.model.modelFormat.name",
            null,
            "modelFormat.name is required"),
        Arguments.of(
            "iris",
            "",
            "predictor:\n" + ok + "  minReplicas: -1\n",
            "spec.predictor.minReplicas",
            -1,
            "'MinReplicas' cannot be less than 0"),
        Arguments.of(
            "iris",
            "",
            "predictor:\n" + ok + "  maxReplicas: -2\n",
            "spec.predictor.maxReplicas",
            -2,
            "'MaxReplicas' cannot be less than 0"),
        Arguments.of(
            "iris",
            "",
            "predictor:\n" + ok + "  minReplicas: 3\n  maxReplicas: 2\n",
            "spec.predictor.minReplicas",
            3,
            "'MinReplicas' cannot be greater than MaxReplicas (maxReplicas: 2)"),
        Arguments.of(
            "iris",
            "",
            "predictor:\n" + ok + "  maxReplicas: 0\n  containerConcurrency: -1\n",
            "spec.predictor.containerConcurrency",
            -1L,
            "parallelism cannot be less than 0"),
        Arguments.of(
            "iris",
            "",
            "predictor:\n" + ok + "  canaryTrafficPercent: 101\n",
            "spec.predictor.canaryTrafficPercent",
            101L,
            "from 0 to 100"),
        Arguments.of(
            "iris",
            "",
            "predictor:\n" + ok + "  canaryTrafficPercent: -1\n",
            "spec.predictor.canaryTrafficPercent",
            -1L,
            "from 0 to 100"),
        Arguments.of(
            "iris",
            "",
            "predictor:\n" + ok + "  scaleMetric: cpu\n",
            "spec.predictor.scaleMetric",
            "cpu",
            "[cpu] is not a supported metric"),
        Arguments.of(
            "iris",
            "",
            "predictor:\n" + ok + "  scaleMetric: rps\n  scaleTarget: 0\n",
            "spec.predictor.scaleTarget",
            0,
            "the target for rps should be greater than 1"),
        Arguments.of(
            "iris",
            "",
            "predictor:\n" + ok + "  deploymentStrategy: {type: Recreate}\n",
            "spec.predictor.deploymentStrategy",
            null,
            "only supported for raw deployment mode"),
        Arguments.of(
            "iris",
            std + ", serving.kserve.io/autoscalerClass: hpa",
            "predictor:\n" + ok + "  scaleTarget: 120\n",
            "spec.predictor.scaleTarget",
            120,
            "[1-100] integer"),
        Arguments.of(
            "iris",
            std + ", serving.kserve.io/autoscalerClass: hpa",
            "predictor:\n" + ok + "  scaleMetric: rps\n",
            "spec.predictor.scaleMetric",
            "rps",
            "[rps] is not a supported metric"),
        Arguments.of(
            "iris",
            std + ", serving.kserve.io/autoscalerClass: keda",
            "predictor:\n" + ok + "  scaleMetric: cpu\n",
            "spec.predictor.scaleMetric",
            "cpu",
            "ScaleMetric is not supported for KEDA"),
        Arguments.of(
            "iris",
            "serving.kserve.io/autoscalerClass: kpa",
            "predictor:\n" + ok,
            "metadata.annotations[serving.kserve.io/autoscalerClass]",
            "kpa",
            "[kpa] is not a supported autoscaler class type"),
        Arguments.of(
            "iris",
            "",
            "predictor:\n" + ok + "transformer:\n  minReplicas: 1\n",
            "spec.transformer",
            null,
            "exactly one of [containers] must be specified in TransformerSpec"),
        Arguments.of(
            "iris",
            "",
            "predictor:\n"
                + ok
                + "canary:\n"
                + "  - trafficPercent: 10\n"
                + "    predictor: {name: c, sklearn: {storageUri: gs://c}}\n",
            "spec.canary",
            null,
            "canary is only supported in Standard deployment mode"),
        Arguments.of(
            "iris",
            std,
            "predictor:\n"
                + ok
                + "canary:\n"
                + "  - trafficPercent: 10\n"
                + "    predictor: {sklearn: {storageUri: gs://c}}\n",
            "spec.canary[0].predictor.name",
            null,
            "canary[0] predictor.name is required"),
        Arguments.of(
            "iris",
            std,
            "predictor:\n"
                + ok
                + "canary:\n"
                + "  - trafficPercent: 60\n"
                + "    predictor: {name: a, sklearn: {storageUri: gs://c}}\n"
                + "  - trafficPercent: 50\n"
                + "    predictor: {name: b, sklearn: {storageUri: gs://d}}\n",
            "spec.canary",
            110L,
            "sum of canary trafficPercent values (110) must be <= 100"),
        Arguments.of(
            "iris",
            std,
            "predictor:\n"
                + ok
                + "canary:\n"
                + "  - trafficPercent: 10\n"
                + "    predictor: {name: a, maxReplicas: 3, sklearn: {storageUri: gs://c}}\n",
            "spec.canary[0].predictor.maxReplicas",
            3,
            "must not set maxReplicas (canary uses fixed replicas)"));
  }

  @ParameterizedTest
  @MethodSource("invalidSpecs")
  void rejectsEachRuleWithPathValueAndMessage(
      String name, String annotations, String spec, String path, Object value, String message) {
    ValidationResult result = validator.validate(read(name, annotations, spec));

    assertThat(result.isValid()).isFalse();
    assertThat(result.errors())
        .anySatisfy(
            e -> {
              assertThat(e.path()).isEqualTo(path);
              assertThat(e.value() == null ? null : e.value().toString())
                  .isEqualTo(value == null ? null : value.toString());
              assertThat(e.message()).contains(message);
            });
  }

  @Test
  void yamlWithSeveralProblemsReportsThemAllAtOnce() {
    InferenceService isvc =
        codec.read(
            """
            apiVersion: serving.kserve.io/v1beta1
            kind: InferenceService
            metadata:
              name: My_Model
            spec:
              predictor:
                sklearn:
                  storageUri: gs://bucket/model
                onnx:
                  storageUri: gs://bucket/other
                minReplicas: 5
                maxReplicas: 2
                containerConcurrency: -3
                canaryTrafficPercent: 150
              explainer:
                minReplicas: -1
            """,
            "several-errors.yaml",
            InferenceService.class);

    ValidationResult result = validator.validate(isvc);

    assertThat(result.errors())
        .extracting(FieldError::path)
        .containsExactly(
            "metadata.name",
            "spec.predictor",
            "spec.predictor.minReplicas",
            "spec.predictor.containerConcurrency",
            "spec.predictor.canaryTrafficPercent",
            "spec.explainer",
            "spec.explainer.minReplicas");
    assertThatThrownBy(() -> result.throwIfInvalid("InferenceService default/My_Model"))
        .isInstanceOf(KServeException.class)
        .hasMessageContaining("InferenceService default/My_Model is invalid: 7 error(s)")
        .hasMessageContaining(
            "spec.predictor.minReplicas: 5 ('MinReplicas' cannot be greater than MaxReplicas"
                + " (maxReplicas: 2))");
  }
}
