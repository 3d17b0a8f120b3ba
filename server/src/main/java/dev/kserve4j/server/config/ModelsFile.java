package dev.kserve4j.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads the several-models file of {@code kserve4j serve --config models.yaml}:
 *
 * <pre>
 * models:
 *   - name: iris                 # required, unique
 *     modelDir: models/iris-onnx # required; relative to the file's directory
 *     format: onnx               # optional; detected from the files when absent
 *     version: "1"               # optional
 *     options: {intraOpThreads: "1"}
 *     batching: {maxBatchSize: 32, maxQueueDelayMicros: 500, instances: 1}
 * </pre>
 *
 * <p>Every error names the file and the field, e.g. {@code models.yaml:
 * models[1].batching.maxBatchSize: 0 (expected: >= 1)}.
 */
public final class ModelsFile {
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private ModelsFile() {}

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
    Doc doc = parse(file);
    if (doc == null || doc.models() == null || doc.models().isEmpty()) {
      throw new IllegalArgumentException(
          file + ": models: missing or empty (expected a list of models)");
    }
    Path base = file.toAbsolutePath().getParent();
    List<ModelConfig> out = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < doc.models().size(); i++) {
      Entry e = doc.models().get(i);
      String at = file + ": models[" + i + "]";
      if (e == null || e.name() == null || e.name().isBlank()) {
        throw new IllegalArgumentException(
            at + ".name: missing (expected the model's served name)");
      }
      if (e.modelDir() == null || e.modelDir().isBlank()) {
        throw new IllegalArgumentException(
            at + ".modelDir: missing (expected a directory with the model files)");
      }
      Integer first = seen.putIfAbsent(e.name(), i);
      if (first != null) {
        throw new IllegalArgumentException(
            at
                + ".name: '"
                + e.name()
                + "' is already used by models["
                + first
                + "] (expected unique model names)");
      }
      BatchingConfig batching = batching(e.batching(), at + ".batching.");
      try {
        out.add(
            new ModelConfig(
                e.name(),
                e.version(),
                base.resolve(e.modelDir()).normalize(),
                e.format(),
                e.options(),
                batching));
      } catch (IllegalArgumentException ex) {
        throw new IllegalArgumentException(at + ": " + ex.getMessage(), ex);
      }
    }
    return out;
  }

  private static Doc parse(Path file) {
    JsonNode tree;
    try {
      tree = YAML.readTree(Files.readAllBytes(file));
    } catch (JsonProcessingException e) {
      String line = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
      throw new IllegalArgumentException(
          file + ": malformed YAML: " + e.getOriginalMessage() + line, e);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(
          file + ": file not found (expected a YAML models file)", e);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read: " + e, e);
    }
    if (tree == null || tree.isMissingNode() || tree.isNull()) {
      return null;
    }
    if (!tree.isObject()) {
      String found = tree.isArray() ? "a list" : "the value '" + tree.asText() + "'";
      throw new IllegalArgumentException(
          file + ": found " + found + " at the top (expected a mapping with the key 'models')");
    }
    try {
      return YAML.treeToValue(tree, Doc.class);
    } catch (UnrecognizedPropertyException e) {
      String known =
          e.getKnownPropertyIds() == null
              ? ""
              : e.getKnownPropertyIds().stream()
                  .map(Object::toString)
                  .sorted()
                  .collect(Collectors.joining(", ", " (expected one of: ", ")"));
      throw new IllegalArgumentException(file + ": " + path(e) + ": unknown key" + known, e);
    } catch (MismatchedInputException e) {
      throw new IllegalArgumentException(
          file
              + ": "
              + path(e)
              + ": "
              + found(tree, e)
              + " (expected "
              + expected(e.getTargetType())
              + ")",
          e);
    } catch (JsonProcessingException e) {
      String where =
          e instanceof JsonMappingException m && !m.getPath().isEmpty() ? path(m) + ": " : "";
      throw new IllegalArgumentException(file + ": " + where + e.getOriginalMessage(), e);
    }
  }

  /** The value at the error's path, as the user wrote it. */
  private static String found(JsonNode tree, JsonMappingException e) {
    JsonNode node = tree;
    for (JsonMappingException.Reference r : e.getPath()) {
      node = r.getFieldName() != null ? node.path(r.getFieldName()) : node.path(r.getIndex());
    }
    return node.isObject() ? "a mapping" : node.isArray() ? "a list" : "'" + node.asText() + "'";
  }

  private static String expected(Class<?> type) {
    if (type == null) {
      return "another type";
    }
    if (List.class.isAssignableFrom(type)) {
      return "a list";
    }
    if (Map.class.isAssignableFrom(type) || type.isRecord()) {
      return "a mapping";
    }
    return Number.class.isAssignableFrom(type) ? "an integer" : "a string";
  }

  /** The field a mapping error is about, as {@code models[0].batching.maxBatchSize}. */
  private static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        sb.append(sb.isEmpty() ? "" : ".").append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  private static BatchingConfig batching(Batching b, String at) {
    if (b == null) {
      return null;
    }
    try {
      return new BatchingConfig(
          b.maxBatchSize() == null ? 8 : b.maxBatchSize(),
          b.maxQueueDelayMicros() == null ? 100 : b.maxQueueDelayMicros(),
          b.instances() == null ? 1 : b.instances());
    } catch (IllegalArgumentException ex) {
      throw new IllegalArgumentException(at + ex.getMessage(), ex);
    }
  }
}
