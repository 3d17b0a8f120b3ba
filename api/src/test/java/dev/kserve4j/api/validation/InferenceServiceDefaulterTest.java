package dev.kserve4j.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kserve4j.api.ProtocolVersion;
import dev.kserve4j.api.ResourceCodec;
import dev.kserve4j.api.v1beta1.InferenceService;
import dev.kserve4j.api.v1beta1.ModelSpec;
import dev.kserve4j.api.v1beta1.PredictorSpec;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class InferenceServiceDefaulterTest {
  private final ResourceCodec codec = new ResourceCodec();
  private final InferenceServiceDefaulter defaulter = new InferenceServiceDefaulter();

  private InferenceService read(String predictorYaml) {
    return codec.read(
        """
        apiVersion: serving.kserve.io/v1beta1
        kind: InferenceService
        metadata:
          name: iris
          annotations:
            serving.kserve.io/deploymentMode: RawDeployment
        spec:
          predictor:
        """
            + predictorYaml.indent(4),
        "test",
        InferenceService.class);
  }

  static Stream<Arguments> shortcuts() {
    return Stream.of(
        Arguments.of("sklearn", null),
        Arguments.of("xgboost", null),
        Arguments.of("tensorflow", null),
        Arguments.of("pytorch", null),
        Arguments.of("triton", ProtocolVersion.V2),
        Arguments.of("onnx", ProtocolVersion.V2),
        Arguments.of("huggingface", ProtocolVersion.V2),
        Arguments.of("pmml", null),
        Arguments.of("lightgbm", null),
        Arguments.of("paddle", null));
  }

  @ParameterizedTest
  @MethodSource("shortcuts")
  void frameworkShortcutBecomesModelWithThatFormat(String framework, ProtocolVersion protocol) {
    InferenceService in =
        read(framework + ":\n  storageUri: gs://bucket/m\n  runtimeVersion: '1.5'\n");
    String before = codec.toJson(in);

    InferenceService out = defaulter.apply(in);

    PredictorSpec p = out.getSpec().getPredictor();
    assertThat(PredictorImplementations.shortcuts(p)).isEmpty();
    ModelSpec model = p.getModel();
    assertThat(model.getModelFormat().name()).isEqualTo(framework);
    assertThat(model.getModelFormat().version()).isNull();
    assertThat(model.getStorageUri()).isEqualTo("gs://bucket/m");
    assertThat(model.getRuntimeVersion()).isEqualTo("1.5");
    assertThat(model.getProtocolVersion()).isEqualTo(protocol);
    assertThat(out.getMetadata().getAnnotations())
        .containsEntry("modelFormat", framework)
        .containsEntry("serving.kserve.io/deploymentMode", "Standard");
    assertThat(codec.toJson(in)).as("the input is not changed").isEqualTo(before);
  }

  @Test
  void explicitProtocolAndAnnotationAreKept() {
    InferenceService in = read("onnx:\n  storageUri: s3://b/m\n  protocolVersion: v1\n");
    in.getMetadata().getAnnotations().put("modelFormat", "custom");

    InferenceService out = defaulter.apply(in);

    assertThat(out.getSpec().getPredictor().getModel().getProtocolVersion())
        .isEqualTo(ProtocolVersion.V1);
    assertThat(out.getMetadata().getAnnotations()).containsEntry("modelFormat", "custom");
  }

  @ParameterizedTest
  @MethodSource("modelFormats")
  void modelProtocolDefaultsToV2ForTritonAndVllmOnly(String format, ProtocolVersion expected) {
    InferenceService out =
        defaulter.apply(read("model:\n  modelFormat:\n    name: " + format + "\n"));

    assertThat(out.getSpec().getPredictor().getModel().getProtocolVersion()).isEqualTo(expected);
  }

  static Stream<Arguments> modelFormats() {
    return Stream.of(
        Arguments.of("triton", ProtocolVersion.V2),
        Arguments.of("vLLM", ProtocolVersion.V2),
        Arguments.of("sklearn", null),
        Arguments.of("onnx", null));
  }

  @Test
  void singleCustomContainerIsNamedKserveContainer() {
    InferenceService out = defaulter.apply(read("containers:\n  - image: my/server:1\n"));

    assertThat(out.getSpec().getPredictor().getContainers().getFirst().getName())
        .isEqualTo("kserve-container");
    assertThat(out.getSpec().getPredictor().getMinReplicas())
        .as("KServe does not write minReplicas")
        .isNull();
  }

  @Test
  void predictorWithTwoImplementationsIsLeftForTheValidator() {
    InferenceService out =
        defaulter.apply(
            read(
                "sklearn:\n"
                    + "  storageUri: gs://a\n"
                    + "model:\n"
                    + "  modelFormat:\n"
                    + "    name: onnx\n"
                    + "  storageUri: gs://b\n"));

    assertThat(out.getSpec().getPredictor().getSklearn().getStorageUri()).isEqualTo("gs://a");
    assertThat(out.getSpec().getPredictor().getModel().getStorageUri()).isEqualTo("gs://b");
    assertThat(new InferenceServiceValidator().validate(out).errors())
        .extracting(FieldError::path)
        .contains("spec.predictor");
  }

  @Test
  void annotationsWithoutADeploymentModeAreLeftAlone() {
    InferenceService in =
        codec.read(
            """
            apiVersion: serving.kserve.io/v1beta1
            kind: InferenceService
            metadata:
              name: iris
              annotations:
                team: ml
            spec:
              predictor:
                sklearn:
                  storageUri: gs://a
            """,
            "test",
            InferenceService.class);

    InferenceService out = defaulter.apply(in);

    assertThat(out.getMetadata().getAnnotations())
        .containsEntry("team", "ml")
        .doesNotContainKey("serving.kserve.io/deploymentMode");
    assertThat(out.getSpec().getPredictor().getModel().getModelFormat().name())
        .isEqualTo("sklearn");
  }
}
