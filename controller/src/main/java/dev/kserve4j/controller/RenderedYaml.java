package dev.kserve4j.controller;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;

/**
 * Writes rendered objects as a multi-document YAML stream with a fixed key order (fields and map
 * keys sorted by name, empty values left out), so that equal objects give equal text: what {@code
 * kubectl apply -f} accepts and what a dry run shows.
 */
public final class RenderedYaml {
  private final ObjectMapper sorted =
      JsonMapper.builder()
          .serializationInclusion(JsonInclude.Include.NON_EMPTY)
          .configure(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true)
          .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
          .build();
  private final ObjectMapper yaml =
      new ObjectMapper(
          YAMLFactory.builder()
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
              .disable(YAMLGenerator.Feature.SPLIT_LINES)
              .build());

  /** The objects, each a document starting with {@code ---}. */
  public String write(List<? extends HasMetadata> objects) {
    StringBuilder out = new StringBuilder();
    for (HasMetadata object : objects) {
      try {
        // A round trip through a tree sorts the keys of nested maps too (additional properties).
        JsonNode tree = sorted.readTree(sorted.writeValueAsString(object));
        out.append(yaml.writeValueAsString(sorted.treeToValue(tree, Object.class)));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(
            object.getKind()
                + " '"
                + object.getMetadata().getName()
                + "' cannot be written as YAML",
            e);
      }
    }
    return out.toString();
  }
}
