package dev.kserve4j.server.shadow;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kserve4j.protocol.Datatype;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.runtime.JsonReply;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * The outputs of an answer, in one form for every protocol, and whether two answers' outputs are
 * the same.
 *
 * <p>The form is an object from output name to value: a V1 body's {@code predictions} under {@code
 * "predictions"}; each V2 output ({@code outputs[]} of a JSON body, or the tensors of an {@link
 * InferResponse}) under its name as {@code {"shape": [...], "data": [...]}} with the data flat, so
 * nested and flat JSON data, and JSON and tensors, compare alike. Any other JSON body is compared
 * whole; a body that is not JSON (e.g. binary tensor data) is compared byte for byte.
 *
 * <p>Numbers are the same when {@code |a - b| <= tolerance * max(|a|, |b|)} (relative; NaN equals
 * NaN, an infinity only itself); strings, booleans and nulls must be equal; arrays must have the
 * same length and objects the same names.
 */
final class OutputComparison {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private OutputComparison() {}

  /** The outputs of a JSON-protocol answer. */
  static JsonNode outputs(JsonReply reply) {
    if (!reply.json()) {
      return BinaryNode.valueOf(reply.body());
    }
    JsonNode body;
    try {
      body = JSON.readTree(reply.body());
    } catch (JacksonException e) {
      return BinaryNode.valueOf(reply.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (body == null) {
      return BinaryNode.valueOf(reply.body());
    }
    if (body.has("predictions")) {
      return NODES.objectNode().set("predictions", body.get("predictions"));
    }
    JsonNode outputs = body.path("outputs");
    if (outputs.isArray() && allNamed(outputs)) {
      ObjectNode named = NODES.objectNode();
      for (JsonNode output : outputs) {
        ArrayNode flat = NODES.arrayNode();
        flatten(output.path("data"), flat);
        named.set(output.get("name").asText(), tensor(output.path("shape"), flat));
      }
      return named;
    }
    return body;
  }

  /** The outputs of a tensor answer. */
  static JsonNode outputs(InferResponse response) {
    ObjectNode named = NODES.objectNode();
    for (Tensor t : response.outputs()) {
      ArrayNode shape = NODES.arrayNode();
      for (long d : t.shape()) {
        shape.add(d);
      }
      ArrayNode data = NODES.arrayNode(t.size());
      for (int i = 0; i < t.size(); i++) {
        if (t.datatype() == Datatype.BYTES) {
          data.add(new String(t.bytes()[i], StandardCharsets.UTF_8));
        } else if (t.datatype() == Datatype.BOOL) {
          data.add(((boolean[]) t.data())[i]);
        } else {
          data.add(t.getAsDouble(i));
        }
      }
      named.set(t.name(), tensor(shape, data));
    }
    return named;
  }

  /** Whether {@code a} and {@code b} are the same outputs within {@code tolerance}. */
  static boolean agree(JsonNode a, JsonNode b, double tolerance) {
    if (a.isNumber() && b.isNumber()) {
      return close(a.doubleValue(), b.doubleValue(), tolerance);
    }
    if (a.getNodeType() != b.getNodeType()) {
      return false;
    }
    if (a.isArray()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (!agree(a.get(i), b.get(i), tolerance)) {
          return false;
        }
      }
      return true;
    }
    if (a.isObject()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        JsonNode other = b.get(field.getKey());
        if (other == null || !agree(field.getValue(), other, tolerance)) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }

  static boolean close(double a, double b, double tolerance) {
    if (a == b || (Double.isNaN(a) && Double.isNaN(b))) {
      return true;
    }
    if (!Double.isFinite(a) || !Double.isFinite(b)) {
      return false;
    }
    return Math.abs(a - b) <= tolerance * Math.max(Math.abs(a), Math.abs(b));
  }

  private static boolean allNamed(JsonNode outputs) {
    for (JsonNode output : outputs) {
      if (!output.path("name").isTextual()) {
        return false;
      }
    }
    return true;
  }

  private static void flatten(JsonNode node, ArrayNode into) {
    if (node.isArray()) {
      node.forEach(child -> flatten(child, into));
    } else if (!node.isMissingNode()) {
      into.add(node);
    }
  }

  private static ObjectNode tensor(JsonNode shape, ArrayNode data) {
    ObjectNode t = NODES.objectNode();
    t.set("shape", shape.isMissingNode() ? NODES.nullNode() : shape);
    t.set("data", data);
    return t;
  }
}
