package dev.kserve4j.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The models file of {@code kserve4j serve --config}: what it accepts and how it refuses. */
class ModelsFileTest {
  @TempDir Path dir;

  private Path write(String yaml) throws IOException {
    return Files.writeString(dir.resolve("models.yaml"), yaml);
  }

  private void assertRefused(String yaml, String... fragments) throws IOException {
    Path file = write(yaml);
    assertThatThrownBy(() -> ModelsFile.read(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(file + ": ")
        .hasMessageContainingAll(fragments);
  }

  @Test
  void readsSeveralModelsWithEveryField() throws IOException {
    Path absolute = dir.resolve("elsewhere").toAbsolutePath();
    Path file =
        write(
            """
            models:
              - name: iris
                modelDir: models/iris-onnx
              - name: iris-xgb
                modelDir: ./models/../models/iris-xgboost
                format: xgboost
                version: "2"
                options: {nthread: 1, predictor: native}
                batching: {maxBatchSize: 32, maxQueueDelayMicros: 200, instances: 2}
              - name: abs
                modelDir: %s
            """
                .formatted(absolute));

    List<ModelConfig> models = ModelsFile.read(file);

    assertThat(models)
        .containsExactly(
            new ModelConfig("iris", null, dir.resolve("models/iris-onnx"), null, Map.of(), null),
            new ModelConfig(
                "iris-xgb",
                "2",
                dir.resolve("models/iris-xgboost"),
                "xgboost",
                Map.of("nthread", "1", "predictor", "native"),
                new BatchingConfig(32, 200, 2)),
            new ModelConfig("abs", null, absolute, null, Map.of(), null));
  }

  @Test
  void relativeDirectoriesResolveAgainstTheFilesDirectoryNotTheWorkingDirectory()
      throws IOException {
    Path nested = Files.createDirectories(dir.resolve("conf"));
    Path file =
        Files.writeString(nested.resolve("m.yaml"), "models: [{name: a, modelDir: ../m/a}]");

    assertThat(ModelsFile.read(file).get(0).directory()).isEqualTo(dir.resolve("m/a"));
    assertThat(ModelsFile.read(file).get(0).directory()).isAbsolute();
  }

  @Test
  void batchingBlockFillsTheFieldsItLeavesOut() throws IOException {
    Path file =
        write(
            """
            models:
              - {name: a, modelDir: a, batching: {}}
              - {name: b, modelDir: b, batching: {maxQueueDelayMicros: 1500}}
            """);

    List<ModelConfig> models = ModelsFile.read(file);

    assertThat(models.get(0).batching()).isEqualTo(new BatchingConfig(8, 100, 1));
    assertThat(models.get(1).batching()).isEqualTo(new BatchingConfig(8, 1500, 1));
  }

  @Test
  void missingFileIsNamed() {
    Path file = dir.resolve("absent.yaml");
    assertThatThrownBy(() -> ModelsFile.read(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(file + ": file not found (expected a YAML models file)");
  }

  @Test
  void directoryInsteadOfFileIsRefused() {
    assertThatThrownBy(() -> ModelsFile.read(dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(dir + ": cannot read");
  }

  @Test
  void malformedYamlNamesTheLine() throws IOException {
    assertRefused("models:\n  - name: a\n    modelDir: [unclosed\n", "malformed YAML", "(line ");
    assertRefused("models:\n  - name: a\n   modelDir: b\n", "malformed YAML", "(line 3)");
  }

  @Test
  void emptyFileOrNoModelsIsRefused() throws IOException {
    assertRefused("", "models: missing or empty (expected a list of models)");
    assertRefused("models: []\n", "models: missing or empty (expected a list of models)");
    assertRefused("models:\n", "models: missing or empty (expected a list of models)");
  }

  @Test
  void unknownKeyIsNamedWithItsPathAndTheKnownKeys() throws IOException {
    assertRefused(
        "models:\n  - name: a\n    modeldir: x\n",
        "models[0].modeldir: unknown key (expected one of: batching, format, modelDir, name,"
            + " options, version)");
    assertRefused("model:\n  - name: a\n", "model: unknown key", "models");
    assertRefused(
        "models: [{name: a, modelDir: a, batching: {maxBatch: 4}}]",
        "models[0].batching.maxBatch: unknown key",
        "maxBatchSize");
  }

  @Test
  void missingNameOrModelDirNamesTheEntry() throws IOException {
    assertRefused("models:\n  - modelDir: a\n", "models[0].name: missing");
    assertRefused(
        "models:\n  - {name: a, modelDir: a}\n  - {name: ' ', modelDir: b}\n",
        "models[1].name: missing");
    assertRefused("models:\n  - name: a\n", "models[0].modelDir: missing");
    assertRefused("models:\n  -\n", "models[0].name: missing");
  }

  @Test
  void nameWithSlashIsRefused() throws IOException {
    assertRefused("models: [{name: a/b, modelDir: a}]", "models[0]", "'a/b'", "without '/'");
  }

  @Test
  void badBatchingValuesNameTheField() throws IOException {
    assertRefused(
        "models: [{name: a, modelDir: a, batching: {maxBatchSize: 0}}]",
        "models[0].batching.maxBatchSize: 0 (expected: >= 1)");
    assertRefused(
        "models: [{name: a, modelDir: a, batching: {maxQueueDelayMicros: -1}}]",
        "models[0].batching.maxQueueDelayMicros: -1 (expected: >= 0)");
    assertRefused(
        "models: [{name: a, modelDir: a, batching: {instances: 0}}]",
        "models[0].batching.instances: 0 (expected: >= 1)");
    assertRefused(
        "models: [{name: a, modelDir: a, batching: {maxBatchSize: lots}}]",
        "models[0].batching.maxBatchSize: 'lots' (expected an integer)");
    assertRefused(
        "models: [{name: a, modelDir: a, batching: {maxBatchSize: 99999999999}}]",
        "models[0].batching.maxBatchSize: ",
        "99999999999",
        "out of range");
  }

  @Test
  void wrongShapeOfModelsIsRefused() throws IOException {
    assertRefused("models: {name: a, modelDir: a}\n", "models: a mapping (expected a list)");
    assertRefused(
        "models: [{name: [a], modelDir: a}]", "models[0].name: a list (expected a string)");
    assertRefused(
        "models: [{name: a, modelDir: a, options: {x: {y: 1}}}]",
        "models[0].options.x: a mapping (expected a string)");
    assertRefused(
        "- name: a\n", "found a list at the top (expected a mapping with the key 'models')");
    assertRefused(
        "iris\n", "found the value 'iris' at the top (expected a mapping with the key 'models')");
  }

  @Test
  void duplicateNamesAreRefusedNamingBothEntries() throws IOException {
    assertRefused(
        """
        models:
          - {name: iris, modelDir: a}
          - {name: other, modelDir: b}
          - {name: iris, modelDir: c}
        """,
        "models[2].name: 'iris' is already used by models[0] (expected unique model names)");
  }
}
