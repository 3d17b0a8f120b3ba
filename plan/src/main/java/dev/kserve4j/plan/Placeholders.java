package dev.kserve4j.plan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fabric8.kubernetes.api.model.Container;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills the Go-template placeholders of a runtime container with the InferenceService's metadata,
 * as KServe's {@code ReplacePlaceholders} does (the container's JSON is executed as a template over
 * {@code ObjectMeta}).
 *
 * <p>Supported: {@code {{.Name}}}, {@code {{.Namespace}}}, {@code {{.Labels.key}}}, {@code
 * {{.Annotations.key}}} and the {@code {{index .Annotations "key"}}} form; a missing label or
 * annotation gives an empty string, as a missing Go map key with {@code text/template} prints
 * {@code <no value>} only for {@code interface{}} maps. Other template actions are left as written.
 */
final class Placeholders {
  private static final Pattern ACTION =
      Pattern.compile(
          "\\{\\{\\s*(?:\\.(Name|Namespace)|\\.(Labels|Annotations)\\.([A-Za-z0-9_]+)"
              + "|index\\s+\\.(Labels|Annotations)\\s+\\\\?\"([^\"\\\\]+)\\\\?\")\\s*}}");
  private final ObjectMapper mapper = JsonMapper.builder().build();

  /** The container with every supported placeholder filled. */
  Container fill(
      Container container,
      String name,
      String namespace,
      Map<String, String> labels,
      Map<String, String> annotations) {
    String json;
    try {
      json = mapper.writeValueAsString(container);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(
          "container " + container.getName() + " cannot be written as JSON", e);
    }
    Matcher m = ACTION.matcher(json);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value;
      if (m.group(1) != null) {
        value = m.group(1).equals("Name") ? name : namespace;
      } else {
        String map = m.group(2) != null ? m.group(2) : m.group(4);
        String key = m.group(3) != null ? m.group(3) : m.group(5);
        Map<String, String> source = map.equals("Labels") ? labels : annotations;
        value = source == null ? "" : source.getOrDefault(key, "");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(jsonEscape(value)));
    }
    m.appendTail(out);
    return mapper.convertValue(readTree(out.toString()), Container.class);
  }

  private com.fasterxml.jackson.databind.JsonNode readTree(String json) {
    try {
      return mapper.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("filled container is not JSON: " + json, e);
    }
  }

  private String jsonEscape(String value) {
    try {
      String quoted = mapper.writeValueAsString(value);
      return quoted.substring(1, quoted.length() - 1);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
