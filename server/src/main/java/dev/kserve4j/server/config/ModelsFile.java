package dev.kserve4j.server.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the several-models file of {@code kserve4j serve --config models.yaml}:
 *
 * <pre>
 * models:
 *   - name: iris                 # required
 *     modelDir: models/iris-onnx # required; relative to the file's directory
 *     format: onnx               # optional; detected from the files when absent
 *     version: "1"               # optional
 *     options: {intraOpThreads: "1"}
 *     batching: {maxBatchSize: 32, maxQueueDelayMicros: 500, instances: 1}
 * </pre>
 */
public final class ModelsFile {
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private ModelsFile() {}

  @JsonIgnoreProperties(ignoreUnknown = false)
  record Doc(@JsonProperty("models") List<Entry> models) {}

  record Entry(
      @JsonProperty("name") String name,
      @JsonProperty("modelDir") String modelDir,
      @JsonProperty("format") String format,
      @JsonProperty("version") String version,
      @JsonProperty("options") Map<String, String> options,
      @JsonProperty("batching") Batching batching) {}

  record Batching(
      @JsonProperty("maxBatchSize") Integer maxBatchSize,
      @JsonProperty("maxQueueDelayMicros") Long maxQueueDelayMicros,
      @JsonProperty("instances") Integer instances) {}

  /** Parses {@code file}; every problem is reported with the file name and the field. */
  public static List<ModelConfig> read(Path file) {
    Doc doc;
    try {
      doc = YAML.readValue(Files.readAllBytes(file), Doc.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(file + ": " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"), e);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage(), e);
    }
    if (doc == null || doc.models() == null || doc.models().isEmpty()) {
      throw new IllegalArgumentException(file + ": models: missing or empty (expected a list of models)");
    }
    Path base = file.toAbsolutePath().getParent();
    List<ModelConfig> out = new ArrayList<>();
    for (int i = 0; i < doc.models().size(); i++) {
      Entry e = doc.models().get(i);
      String at = file + ": models[" + i + "]";
      if (e == null || e.name() == null || e.name().isBlank()) {
        throw new IllegalArgumentException(at + ".name: missing (expected the model's served name)");
      }
      if (e.modelDir() == null || e.modelDir().isBlank()) {
        throw new IllegalArgumentException(at + ".modelDir: missing (expected a directory with the model files)");
      }
      try {
        BatchingConfig batching =
            e.batching() == null
                ? null
                : new BatchingConfig(
                    e.batching().maxBatchSize() == null ? 8 : e.batching().maxBatchSize(),
                    e.batching().maxQueueDelayMicros() == null ? 100 : e.batching().maxQueueDelayMicros(),
                    e.batching().instances() == null ? 1 : e.batching().instances());
        out.add(new ModelConfig(e.name(), e.version(), base.resolve(e.modelDir()).normalize(),
            e.format(), e.options(), batching));
      } catch (IllegalArgumentException ex) {
        throw new IllegalArgumentException(at + ": " + ex.getMessage(), ex);
      }
    }
    return out;
  }
}
