package dev.kserve4j.router;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/** The JSON work of the router: validity, parsing, the predictions mapping and error bodies. */
final class JsonBodies {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonFactory FACTORY = JSON.getFactory();

  private JsonBodies() {}

  /** Whether {@code body} is exactly one JSON value (Go's {@code json.Valid}). */
  static boolean valid(byte[] body) {
    if (body.length == 0) {
      return false;
    }
    try (JsonParser p = FACTORY.createParser(body)) {
      if (p.nextToken() == null) {
        return false;
      }
      p.skipChildren();
      return p.nextToken() == null;
    } catch (IOException e) {
      return false;
    }
  }

  /** {@code body} as a JSON tree, or empty when it is not exactly one JSON value. */
  static Optional<JsonNode> parse(byte[] body) {
    if (body.length == 0) {
      return Optional.empty();
    }
    try (JsonParser p = FACTORY.createParser(body)) {
      JsonNode tree = JSON.readTree(p);
      if (tree == null || p.nextToken() != null) {
        return Optional.empty();
      }
      return Optional.of(tree);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * KServe's {@code mapPredictionsToInstances}: a body whose {@code predictions} is a non-empty
   * array becomes {@code {"instances": <predictions>}} (KServe decodes into a struct of the two
   * fields only, so other fields are dropped); any other body is sent unchanged.
   */
  static byte[] predictionsToInstances(byte[] body) {
    Optional<JsonNode> tree = parse(body);
    if (tree.isEmpty() || !tree.get().isObject()) {
      return body;
    }
    JsonNode predictions = tree.get().get("predictions");
    JsonNode instances = tree.get().get("instances");
    if (!(predictions instanceof ArrayNode p)
        || p.isEmpty()
        || (instances != null && !instances.isArray() && !instances.isNull())) {
      return body;
    }
    ObjectNode out = JSON.createObjectNode();
    out.set("instances", p);
    return write(out);
  }

  /** The Ensemble's answer: each step's JSON object under its key. */
  static byte[] merge(Map<String, JsonNode> answers) {
    ObjectNode out = JSON.createObjectNode();
    answers.forEach(out::set);
    return write(out);
  }

  /** KServe's error body, {@code {"error": "Failed to process request", "cause": ...}}. */
  static byte[] error(String cause) {
    ObjectNode out = JSON.createObjectNode();
    out.put("error", "Failed to process request");
    out.put("cause", cause);
    return write(out);
  }

  static byte[] write(JsonNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The first bytes of {@code body} as text, for errors about a body that is not JSON. */
  static String preview(byte[] body) {
    if (body.length == 0) {
      return "an empty body";
    }
    String s = new String(body, 0, Math.min(body.length, 80), StandardCharsets.UTF_8);
    return "\"" + s.replace("\n", " ") + (body.length > 80 ? "..." : "") + "\"";
  }
}
