package dev.kserve4j.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kserve4j.api.ResourceCodec;
import dev.kserve4j.api.v1beta1.InferenceService;
import dev.kserve4j.api.validation.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Custom containers as embedded mode judges them: planned from KServe's YAML (the model location
 * from {@code STORAGE_URI}), then analysed.
 */
class EmbeddedContainerAnalyzerTest {
  private static final ResourceCodec CODEC = new ResourceCodec();
  private static final String IMAGE = "ghcr.io/kserve4j/kserve4j-server:0.1.0";

  private final EmbeddedContainerAnalyzer analyzer = new EmbeddedContainerAnalyzer();

  /** The predictor of a custom-container InferenceService; {@code container} is YAML lines. */
  private static ComponentPlan predictor(String container) {
    InferenceService isvc =
        CODEC.read(
            """
            apiVersion: serving.kserve.io/v1beta1
            kind: InferenceService
            metadata: {name: echo}
            spec:
              predictor:
                containers:
                - name: kserve-container
            %s
            """
                .formatted(container.indent(6)),
            "test",
            InferenceService.class);
    PlanResult result =
        new InferenceServicePlanner().plan(isvc, List.of(), List.of(), PlanConfig.defaults());
    assertThat(result).isInstanceOf(PlanResult.Planned.class);
    return ((PlanResult.Planned) result).plan().predictor();
  }

  private static final String STORAGE_URI =
      """
      env:
      - name: STORAGE_URI
        value: file:///models/echo
      """;

  @Test
  void kserve4jServeWithStorageUriRunsItsServeFlagsOnTheFetchedModel() {
    ComponentPlan predictor =
        predictor(
            """
            image: %s
            args: ["serve", "--model-dir=/mnt/models", "--model-name=echo", "--model-format=python"]
            """
                    .formatted(IMAGE)
                + STORAGE_URI);

    EmbeddedContainer analysis = analyzer.analyze(predictor);

    assertThat(predictor.storage())
        .containsExactly(new StorageLocation("file:///models/echo", "/mnt/models"));
    assertThat(analysis.runnable()).isTrue();
    assertThat(analysis.field()).isEqualTo("spec.predictor.containers[kserve-container]");
    assertThat(analysis.serveArgs())
        .containsExactly("--model-dir=/mnt/models", "--model-name=echo", "--model-format=python");
    assertThat(analysis.storage().uri()).isEqualTo("file:///models/echo");
  }

  @Test
  void theMountPathIsReplacedInEitherFlagSpellingAndBelowIt() {
    EmbeddedContainer analysis =
        analyzer.analyze(
            predictor(
                """
                image: localhost:5000/kserve4j
                args: [serve, --model-dir, /mnt/models/v2, --option=vocab=/mnt/models/v.txt,
                       --model-name, echo, --option=other=/mnt/modelsx]
                """
                    + STORAGE_URI));

    assertThat(analysis.serveArgs("/cache/abc"))
        .containsExactly(
            "--model-dir",
            "/cache/abc/v2",
            "--option=vocab=/cache/abc/v.txt",
            "--model-name",
            "echo",
            "--option=other=/mnt/modelsx");
  }

  @Test
  void everyEntryOfAClasspathUnderTheMountIsReplaced() {
    EmbeddedContainer analysis =
        analyzer.analyze(
            predictor(
                """
                image: %s
                args: [serve, --model-class=com.example.T,
                       "--classpath=/mnt/models/t.jar:/mnt/models/lib/u.jar:/opt/v.jar",
                       --option=url=http://mnt/models]
                """
                        .formatted(IMAGE)
                    + STORAGE_URI));

    assertThat(analysis.serveArgs("/cache/abc"))
        .containsExactly(
            "--model-class=com.example.T",
            "--classpath=/cache/abc/t.jar:/cache/abc/lib/u.jar:/opt/v.jar",
            "--option=url=http://mnt/models");
  }

  @Test
  void aModelClassWithoutStorageUriIsToldItsJarsComeFromThere() {
    EmbeddedContainer analysis =
        analyzer.analyze(
            predictor(
                """
                image: %s
                args: [serve, --model-class, com.example.T, --classpath=/mnt/models/t.jar]
                """
                    .formatted(IMAGE)));

    assertThat(analysis.refusals())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.path())
                  .isEqualTo("spec.predictor.containers[kserve-container].env[STORAGE_URI]");
              assertThat(e.message())
                  .startsWith("missing (expected the location of the jars of --model-class");
            });
  }

  @Test
  void aCommandMayLaunchTheCommandLineBeforeServe() {
    EmbeddedContainer analysis =
        analyzer.analyze(
            predictor(
                """
                image: %s
                command: [java, -jar, /opt/kserve4j/kserve4j-cli.jar, serve]
                args: [--model-dir=/mnt/models, --model-format=sklearn]
                """
                        .formatted(IMAGE)
                    + STORAGE_URI));

    assertThat(analysis.runnable()).isTrue();
    assertThat(analysis.serveArgs())
        .containsExactly("--model-dir=/mnt/models", "--model-format=sklearn");
  }

  @Test
  void anotherImageIsRefusedNamingTheImageAndWhatEmbeddedModeRuns() {
    EmbeddedContainer analysis =
        analyzer.analyze(
            predictor(
                """
                image: kserve/custom-model-grpc:latest
                args: ["--model_name=echo"]
                """
                    + STORAGE_URI));

    assertThat(analysis.runnable()).isFalse();
    assertThat(analysis.refusals())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.path()).isEqualTo("spec.predictor.containers[kserve-container].image");
              assertThat(e.toString())
                  .startsWith(
                      "spec.predictor.containers[kserve-container].image:"
                          + " 'kserve/custom-model-grpc:latest' (not a kserve4j image: embedded"
                          + " mode runs a custom container in-process only when it is kserve4j's"
                          + " server (expected an image named kserve4j or kserve4j-*, e.g. "
                          + IMAGE);
            });
  }

  @Test
  void noServeCommandAndNoStorageUriAreEachRefused() {
    EmbeddedContainer analysis =
        analyzer.analyze(
            predictor(
                """
                image: %s
                args: [--model-dir=/mnt/models, serve]
                """
                    .formatted(IMAGE)));

    assertThat(analysis.refusals())
        .extracting(FieldError::path)
        .containsExactly(
            "spec.predictor.containers[kserve-container].args",
            "spec.predictor.containers[kserve-container].env[STORAGE_URI]");
    assertThat(analysis.refusals().getFirst().message())
        .startsWith("runs no `kserve4j serve` (expected args starting with serve");
    assertThat(analysis.serveArgs()).isEmpty();
    assertThat(analysis.storage()).isNull();
  }

  @Test
  void anEmptyStorageUriIsUnsetAndAStorageUrisEntryBesideOneIsTooMany() {
    ComponentPlan empty =
        predictor(
            """
            image: %s
            args: [serve, --model-dir=/mnt/models]
            env: [{name: STORAGE_URI, value: ""}]
            """
                .formatted(IMAGE));
    assertThat(empty.storage()).isEmpty();

    InferenceService both =
        CODEC.read(
            """
            apiVersion: serving.kserve.io/v1beta1
            kind: InferenceService
            metadata: {name: echo}
            spec:
              predictor:
                storageUris: [{uri: "s3://bucket/extra", mountPath: /mnt/extra}]
                containers:
                - name: kserve-container
                  image: %s
                  args: [serve, --model-dir=/mnt/models]
                  env: [{name: STORAGE_URI, value: "s3://bucket/model"}]
            """
                .formatted(IMAGE),
            "test",
            InferenceService.class);
    ComponentPlan predictor =
        ((PlanResult.Planned)
                new InferenceServicePlanner()
                    .plan(both, List.of(), List.of(), PlanConfig.defaults()))
            .plan()
            .predictor();

    assertThat(predictor.storage())
        .containsExactly(
            new StorageLocation("s3://bucket/model", "/mnt/models"),
            new StorageLocation("s3://bucket/extra", "/mnt/extra"));
    assertThat(analyzer.analyze(predictor).refusals())
        .singleElement()
        .satisfies(e -> assertThat(e.path()).isEqualTo("spec.predictor.storageUris"));
  }

  @Test
  void aComponentWithARuntimeIsNotACustomContainer() {
    ComponentPlan withRuntime =
        new ComponentPlan(
            "predictor",
            "x-predictor",
            "x.default.example.com",
            "http://x.default.example.com",
            "kserve4j-onnx",
            true,
            "onnx",
            List.of(),
            "v1",
            null,
            1,
            1,
            "cpu",
            null,
            null,
            null,
            null);

    assertThatThrownBy(() -> analyzer.analyze(withRuntime))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a custom container");
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "ghcr.io/kserve4j/kserve4j-server:0.1.0, true",
    "registry.local/mirror/kserve4j-server@sha256:0123, true",
    "kserve4j@sha256:0123, true",
    "localhost:5000/kserve4j, true",
    "kserve4j-router, true",
    "kserve/sklearnserver:latest, false",
    "kserve4j.io/other:1, false",
    "ghcr.io/kserve4j/server:0.1.0, false",
    "kserve4jx:1, false",
    "'', false",
  })
  void kserve4jImagesAreRecognisedByRepositoryName(String image, boolean kserve4j) {
    assertThat(KServe4jImage.matches(image)).isEqualTo(kserve4j);
  }

  @Test
  void noImageIsNotKserve4js() {
    assertThat(KServe4jImage.matches(null)).isFalse();
    assertThat(KServe4jImage.repositoryName("ghcr.io/kserve4j/kserve4j-server:0.1.0"))
        .isEqualTo("kserve4j-server");
  }
}
