package dev.kserve4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kserve4j.common.ErrorKind;
import org.junit.jupiter.api.Test;

class ResourceCodecErrorsTest {
  private final ResourceCodec codec = new ResourceCodec();

  private static final String ISVC =
      """
      apiVersion: serving.kserve.io/v1beta1
      kind: InferenceService
      metadata:
        name: bad
        namespace: ns
      spec:
        predictor:
      """;

  private ResourceReadException failure(String text) {
    Throwable thrown =
        org.assertj.core.api.Assertions.catchThrowable(() -> codec.readAll(text, "bad.yaml"));
    assertThat(thrown).isInstanceOf(ResourceReadException.class);
    ResourceReadException e = (ResourceReadException) thrown;
    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
    return e;
  }

  @Test
  void wrongTypeNamesFileDocumentPathValueAndExpectation() {
    String text =
        "apiVersion: serving.kserve.io/v1alpha1\nkind: TrainedModel\nmetadata: {name: ok}\n---\n"
            + ISVC
            + "    minReplicas: two\n";

    ResourceReadException e = failure(text);

    assertThat(e.getMessage())
        .isEqualTo(
            "bad.yaml, document 2: InferenceService 'ns/bad': "
                + "spec.predictor.minReplicas: 'two' (expected: an integer)");
    assertThat(e.document()).isEqualTo(2);
    assertThat(e.path()).isEqualTo("spec.predictor.minReplicas");
  }

  @Test
  void quotedNumberIsNotAnInteger() {
    ResourceReadException e = failure(ISVC + "    maxReplicas: \"3\"\n");

    assertThat(e.getMessage()).endsWith("spec.predictor.maxReplicas: '3' (expected: an integer)");
  }

  @Test
  void badEnumValueListsTheAllowedOnes() {
    ResourceReadException e =
        failure(ISVC + "    model:\n      modelFormat: {name: onnx}\n      protocolVersion: v3\n");

    assertThat(e.getMessage())
        .endsWith(
            "spec.predictor.model.protocolVersion: 'v3' (expected: one of ['v1', 'v2', 'grpc-v1',"
                + " 'grpc-v2'])");
  }

  @Test
  void listWhereAMappingBelongsNamesTheIndexPath() {
    ResourceReadException e =
        failure(ISVC + "    containers:\n      - name: c\n        ports: {containerPort: 8080}\n");

    assertThat(e.path()).isEqualTo("spec.predictor.containers[0].ports");
    assertThat(e.getMessage()).endsWith("containers[0].ports: a mapping (expected: a list)");
  }

  @Test
  void unknownKindListsTheKnownOnes() {
    ResourceReadException e = failure("apiVersion: v1\nkind: Secret\nmetadata: {name: s}\n");

    assertThat(e.getMessage())
        .startsWith("bad.yaml, document 1: apiVersion 'v1' kind 'Secret' is not a known resource")
        .contains(
            "serving.kserve.io/v1beta1 InferenceService",
            "serving.kserve.io/v1alpha1 TrainedModel");
  }

  @Test
  void unknownTopLevelFieldIsRejected() {
    ResourceReadException e =
        failure(ISVC.replace("spec:\n  predictor:\n", "spec: {predictor: {}}\nspecc: {}\n"));

    assertThat(e.getMessage())
        .contains("specc: unknown field (expected one of:")
        .contains("spec, status");
  }

  @Test
  void scalarDocumentAndBrokenYaml() {
    assertThat(failure("just a string\n").getMessage())
        .isEqualTo(
            "bad.yaml, document 1: is string (expected: a mapping with apiVersion and kind)");
    assertThat(failure(ISVC + "    model: {modelFormat: [\n").getMessage())
        .startsWith("bad.yaml, document 1: not valid YAML or JSON");
  }

  @Test
  void readOfOneTypeRejectsAnother() {
    assertThatThrownBy(
            () ->
                codec.read(
                    ISVC + "    sklearn: {storageUri: s3://b/m}\n",
                    "one.yaml",
                    dev.kserve4j.api.v1alpha1.TrainedModel.class))
        .isInstanceOf(ResourceReadException.class)
        .hasMessage("one.yaml: expected exactly one TrainedModel, found [InferenceService]");
  }
}
