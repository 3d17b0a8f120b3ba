package dev.kserve4j.server.agent;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.kserve4j.common.NameRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * KServe's multi-model configuration file, {@code models.json} (the key of ConfigMap {@code
 * modelconfig-{isvc}-{shard}} that the TrainedModel controller writes): {@code [{"modelName": "m",
 * "modelSpec": {"storageUri": "s3://...", "framework": "sklearn", "memory": "1Gi"}}]}.
 */
public final class ModelsJson {
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final String EXPECTED =
      "expected a JSON array of {\"modelName\": ..., \"modelSpec\": {\"storageUri\": ...,"
          + " \"framework\": ..., \"memory\": ...}}";

  /**
   * One model of the file.
   *
   * @param name the model name, also its directory in the model repository
   * @param storageUri where the model is fetched from
   * @param framework the framework, as given (may be null)
   * @param memory the memory, as given (may be null)
   */
  public record Entry(String name, String storageUri, String framework, String memory) {
    public Entry {
      requireNonNull(name, "name");
      requireNonNull(storageUri, "storageUri");
    }
  }

  /**
   * The valid entries of a file by name, in file order (a later entry of the same name wins, as in
   * KServe), and one message per entry that was left out.
   */
  public record Parsed(Map<String, Entry> entries, List<String> invalid) {
    public Parsed {
      entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
      invalid = List.copyOf(invalid);
    }
  }

  private ModelsJson() {}

  /**
   * Parses {@code text}, read from {@code source}; an empty text holds no models.
   *
   * @throws IllegalArgumentException when the text is not a JSON array
   */
  public static Parsed parse(String text, String source) {
    if (text.isBlank()) {
      return new Parsed(Map.of(), List.of());
    }
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          source + ": not JSON: " + e.getOriginalMessage() + " (" + EXPECTED + ")", e);
    }
    if (!root.isArray()) {
      throw new IllegalArgumentException(
          source
              + ": a JSON "
              + root.getNodeType().name().toLowerCase(Locale.ROOT)
              + " ("
              + EXPECTED
              + ")");
    }
    Map<String, Entry> entries = new LinkedHashMap<>();
    List<String> invalid = new ArrayList<>();
    int index = 0;
    for (JsonNode element : root) {
      String problem = problem(element);
      if (problem != null) {
        invalid.add(source + ": entry " + index + " " + element + ": " + problem);
      } else {
        JsonNode spec = element.get("modelSpec");
        Entry entry =
            new Entry(
                element.get("modelName").asText(),
                spec.get("storageUri").asText(),
                text(spec.get("framework")),
                text(spec.get("memory")));
        entries.remove(entry.name());
        entries.put(entry.name(), entry);
      }
      index++;
    }
    return new Parsed(entries, invalid);
  }

  /** What is wrong with one element, or null when it is a valid entry. */
  private static String problem(JsonNode element) {
    if (!element.isObject()) {
      return "not an object (" + EXPECTED + ")";
    }
    JsonNode name = element.get("modelName");
    if (name == null || !name.isTextual()) {
      return "modelName is missing (expected a string)";
    }
    Optional<String> badName = NameRule.modelNameProblem(name.asText());
    if (badName.isPresent()) {
      return "modelName: " + badName.get();
    }
    JsonNode spec = element.get("modelSpec");
    if (spec == null || !spec.isObject()) {
      return "modelSpec is missing (expected an object with storageUri)";
    }
    JsonNode uri = spec.get("storageUri");
    if (uri == null || !uri.isTextual() || uri.asText().isBlank()) {
      return "modelSpec.storageUri is missing (expected a storage URI such as s3://bucket/model or"
          + " a path)";
    }
    return null;
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() ? null : node.asText();
  }
}
