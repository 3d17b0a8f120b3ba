package dev.kserve4j.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kserve4j.api.ResourceCodec;
import dev.kserve4j.api.v1alpha1.TrainedModel;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TrainedModelValidatorTest {
  private static final ResourceCodec CODEC = new ResourceCodec();
  private final TrainedModelValidator validator = new TrainedModelValidator();

  private static TrainedModel tm(String name, String uri, String memory, boolean deleting) {
    return CODEC.read(
        "apiVersion: serving.kserve.io/v1alpha1\nkind: TrainedModel\nmetadata: {name: '"
            + name
            + "', namespace: ns"
            + (deleting ? ", deletionTimestamp: '2026-01-01T00:00:00Z'" : "")
            + "}\nspec:\n  inferenceService: iris\n"
            + "  model: {storageUri: '"
            + uri
            + "', framework: sklearn, memory: "
            + memory
            + "}\n",
        "test",
        TrainedModel.class);
  }

  /**
   * Rows: what differs, the new TrainedModel, the stored one (null on create), the messages
   * expected.
   */
  static Stream<Arguments> rows() {
    TrainedModel ok = tm("model_1-a", "gs://b/m", "1Gi", false);
    return Stream.of(
        Arguments.of("valid on create", ok, null, List.of()),
        Arguments.of("each supported scheme", tm("m", "s3://b/m", "1Gi", false), null, List.of()),
        Arguments.of("http", tm("m", "http://host/m", "1Gi", false), null, List.of()),
        Arguments.of(
            "a dot in the name",
            tm("model.v1", "gs://b/m", "1Gi", false),
            null,
            List.of(
                "the Trained Model \"model.v1\" is invalid: a Trained Model name must consist of"
                    + " alphanumeric characters, '_', or '-'. (e.g. \"my-Name\" or \"abc_123\","
                    + " regex used for validation is '^[a-zA-Z0-9_-]+$')")),
        Arguments.of(
            "a pvc URI",
            tm("m", "pvc://claim/m", "1Gi", false),
            null,
            List.of(
                "the Trained Model \"m\" storageUri field is invalid. The storage uri must start"
                    + " with one of the prefixes: s3://, gs://, https://, http://. (the storage uri"
                    + " given is \"pvc://claim/m\")")),
        Arguments.of(
            "memory unchanged in another unit",
            tm("m", "gs://b/m", "1024Mi", false),
            tm("m", "gs://b/n", "1Gi", false),
            List.of()),
        Arguments.of(
            "memory changed",
            tm("m", "gs://b/m", "2Gi", false),
            tm("m", "gs://b/m", "1Gi", false),
            List.of(
                "the Trained Model \"m\" memory field is immutable. The memory was \"1Gi\" but it"
                    + " is updated to \"2Gi\"")),
        Arguments.of(
            "an update while deleting",
            tm("bad.name", "file:///x", "2Gi", true),
            tm("bad.name", "file:///x", "1Gi", false),
            List.of()),
        Arguments.of(
            "two problems",
            tm("a.b", "/local", "1Gi", false),
            null,
            List.of(
                "the Trained Model \"a.b\" is invalid: a Trained Model name must consist of"
                    + " alphanumeric characters, '_', or '-'. (e.g. \"my-Name\" or \"abc_123\","
                    + " regex used for validation is '^[a-zA-Z0-9_-]+$')",
                "the Trained Model \"a.b\" storageUri field is invalid. The storage uri must start"
                    + " with one of the prefixes: s3://, gs://, https://, http://. (the storage uri"
                    + " given is \"/local\")")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void validates(String what, TrainedModel tm, TrainedModel old, List<String> messages) {
    assertThat(validator.validate(tm, old).errors())
        .extracting(FieldError::message)
        .containsExactlyElementsOf(messages);
  }
}
