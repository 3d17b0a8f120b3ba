package dev.kserve4j.protocol.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed access to the fields of one OpenAI request body. A field that is absent or JSON {@code
 * null} takes its default, as OpenAI's clients send {@code null} for unset options; a field of the
 * wrong type or out of range fails with an {@link InvalidParameterException} naming it, the value
 * found and what was expected. Unknown fields are ignored, as OpenAI-compatible servers do.
 */
final class RequestFields {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final ObjectNode body;

  private RequestFields(ObjectNode body) {
    this.body = body;
  }

  static RequestFields parse(byte[] json) {
    JsonNode node;
    try {
      node = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new InvalidParameterException(
          null,
          "request body is not valid JSON: "
              + e.getOriginalMessage()
              + " (expected a JSON object)");
    } catch (IOException e) {
      throw new InvalidParameterException(
          null, "request body could not be read: " + e.getMessage());
    }
    if (node == null || !node.isObject()) {
      throw new InvalidParameterException(
          null,
          "request body: "
              + (node == null || node.isMissingNode()
                  ? "empty"
                  : node.getNodeType().name().toLowerCase())
              + " (expected a JSON object)");
    }
    return new RequestFields((ObjectNode) node);
  }

  /** The field, or null when absent or JSON null. */
  JsonNode get(String name) {
    JsonNode n = body.get(name);
    return n == null || n.isNull() ? null : n;
  }

  String requiredString(String name, String expected) {
    JsonNode n = get(name);
    if (n == null || !n.isTextual() || n.asText().isEmpty()) {
      throw invalid(name, n, expected);
    }
    return n.asText();
  }

  String optionalString(String name) {
    JsonNode n = get(name);
    if (n != null && !n.isTextual()) {
      throw invalid(name, n, "a string");
    }
    return n == null ? null : n.asText();
  }

  boolean bool(String name, boolean defaultValue) {
    JsonNode n = get(name);
    if (n != null && !n.isBoolean()) {
      throw invalid(name, n, "true or false");
    }
    return n == null ? defaultValue : n.asBoolean();
  }

  /** An integer in [min, max], or {@code defaultValue} when absent. */
  int integer(String name, int defaultValue, int min, int max) {
    JsonNode n = get(name);
    if (n == null) {
      return defaultValue;
    }
    if (!n.canConvertToExactIntegral()
        || !n.canConvertToInt()
        || n.asInt() < min
        || n.asInt() > max) {
      throw invalid(
          name,
          n,
          max == Integer.MAX_VALUE
              ? "an integer >= " + min
              : "an integer between " + min + " and " + max);
    }
    return n.asInt();
  }

  /**
   * A number in [min, max], or {@code defaultValue} when absent; {@code minExclusive} excludes min.
   */
  double number(String name, double defaultValue, double min, boolean minExclusive, double max) {
    JsonNode n = get(name);
    if (n == null) {
      return defaultValue;
    }
    double v = n.asDouble();
    if (!n.isNumber() || Double.isNaN(v) || v > max || v < min || (minExclusive && v == min)) {
      throw invalid(
          name,
          n,
          "a number "
              + (minExclusive
                  ? "> " + fmt(min) + " and <= " + fmt(max)
                  : "between " + fmt(min) + " and " + fmt(max)));
    }
    return v;
  }

  Long optionalLong(String name) {
    JsonNode n = get(name);
    if (n == null) {
      return null;
    }
    if (!n.canConvertToExactIntegral() || !n.canConvertToLong()) {
      throw invalid(name, n, "an integer");
    }
    return n.asLong();
  }

  /**
   * A string or an array of strings ({@code prompt}, {@code input}, {@code stop}); null when
   * absent.
   */
  List<String> strings(String name, int maxItems, boolean allowEmptyStrings) {
    JsonNode n = get(name);
    if (n == null) {
      return null;
    }
    String expected =
        "a string or an array of at most "
            + maxItems
            + " strings"
            + (allowEmptyStrings ? "" : ", none empty");
    if (n.isTextual()) {
      if (!allowEmptyStrings && n.asText().isEmpty()) {
        throw invalid(name, n, expected);
      }
      return List.of(n.asText());
    }
    if (!n.isArray() || n.isEmpty() || n.size() > maxItems) {
      throw invalid(name, n, expected);
    }
    List<String> out = new ArrayList<>(n.size());
    for (int i = 0; i < n.size(); i++) {
      JsonNode item = n.get(i);
      if (!item.isTextual() || (!allowEmptyStrings && item.asText().isEmpty())) {
        throw invalid(
            name + "[" + i + "]",
            item,
            item.isArray() || item.isNumber()
                ? "a string (token-id arrays are not supported)"
                : "a" + (allowEmptyStrings ? "" : " non-empty") + " string");
      }
      out.add(item.asText());
    }
    return out;
  }

  static InvalidParameterException invalid(String param, JsonNode found, String expected) {
    return new InvalidParameterException(
        param, param + ": " + describe(found) + " (expected " + expected + ")");
  }

  /** The value as the error message shows it: JSON text, cut after 60 characters. */
  static String describe(JsonNode n) {
    if (n == null || n.isNull()) {
      return "missing";
    }
    String s = n.toString();
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
