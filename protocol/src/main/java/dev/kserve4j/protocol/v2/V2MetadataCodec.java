package dev.kserve4j.protocol.v2;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.ModelMetadata;
import dev.kserve4j.protocol.RepositoryEntry;
import dev.kserve4j.protocol.ServerMetadata;
import dev.kserve4j.protocol.TensorMetadata;
import dev.kserve4j.protocol.v2.internal.ProtocolJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * JSON for the Open Inference Protocol's REST endpoints other than inference: server and model
 * metadata, model readiness, the error object, and the model repository extension's index.
 */
public final class V2MetadataCodec {
  private static final ObjectMapper ERRORS = new ObjectMapper();

  private V2MetadataCodec() {}

  /** The "Server Metadata Response JSON Object": {@code {"name", "version", "extensions"}}. */
  public static byte[] serverMetadata(ServerMetadata m) {
    requireNonNull(m, "m");
    return ProtocolJson.write(
        g -> {
          g.writeStartObject();
          g.writeStringField("name", m.name());
          g.writeStringField("version", m.version());
          writeStrings(g, "extensions", m.extensions());
          g.writeEndObject();
        });
  }

  /**
   * The "Model Metadata Response JSON Object": name, versions, platform and the inputs' and
   * outputs' {@code $metadata_tensor} (name, datatype, shape with -1 for dynamic dimensions).
   */
  public static byte[] modelMetadata(ModelMetadata m) {
    requireNonNull(m, "m");
    return ProtocolJson.write(
        g -> {
          g.writeStartObject();
          g.writeStringField("name", m.name());
          writeStrings(g, "versions", m.versions());
          g.writeStringField("platform", m.platform());
          writeTensors(g, "inputs", m.inputs());
          writeTensors(g, "outputs", m.outputs());
          g.writeEndObject();
        });
  }

  /**
   * The repository index ({@code POST /v2/repository/index}, model repository extension): a list of
   * {@code {"name", "version", "state", "reason"}}; {@code version} is left out when null.
   */
  public static byte[] repositoryIndex(List<RepositoryEntry> entries) {
    requireNonNull(entries, "entries");
    return ProtocolJson.write(
        g -> {
          g.writeStartArray();
          for (RepositoryEntry e : entries) {
            g.writeStartObject();
            g.writeStringField("name", e.name());
            if (e.version() != null) {
              g.writeStringField("version", e.version());
            }
            g.writeStringField("state", e.state());
            g.writeStringField("reason", e.reason() == null ? "" : e.reason());
            g.writeEndObject();
          }
          g.writeEndArray();
        });
  }

  /**
   * Reads the {@code ready} flag of a repository index request body ({@code {"ready": true}}): true
   * asks for only the models ready for inference. An empty body, or one without the flag, means
   * false; other fields are ignored.
   */
  public static boolean decodeIndexReadyFlag(byte[] body) {
    requireNonNull(body, "body");
    try (JsonParser p = ProtocolJson.parser(body, 0, body.length)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        return false;
      }
      if (t != JsonToken.START_OBJECT) {
        throw KServeException.invalidInput(
            "request body: "
                + ProtocolJson.describe(p)
                + " (expected a JSON object such as {\"ready\": true})");
      }
      boolean ready = false;
      for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
        t = p.nextToken();
        if (!field.equals("ready")) {
          p.skipChildren();
        } else if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
          ready = t == JsonToken.VALUE_TRUE;
        } else {
          throw KServeException.invalidInput(
              "ready: " + ProtocolJson.describe(p) + " (expected true or false)");
        }
      }
      return ready;
    } catch (JsonProcessingException e) {
      throw ProtocolJson.malformed(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The error object every endpoint returns on failure: {@code {"error": message}}. */
  public static byte[] error(String message) {
    requireNonNull(message, "message");
    return ProtocolJson.write(
        g -> {
          g.writeStartObject();
          g.writeStringField("error", message);
          g.writeEndObject();
        });
  }

  /**
   * The message of an error answer, as a client of another server reads it: the {@code error} of a
   * JSON object (or FastAPI's {@code detail}), as text, or as JSON when it is not a string;
   * otherwise the body itself as text (possibly blank).
   */
  public static String errorMessage(byte[] body) {
    requireNonNull(body, "body");
    try {
      JsonNode node = ERRORS.readTree(body);
      if (node != null && node.isObject()) {
        JsonNode error = node.has("error") ? node.get("error") : node.get("detail");
        if (error != null) {
          return error.isTextual() ? error.asText() : error.toString();
        }
      }
    } catch (IOException notJson) {
      // the body is the message
    }
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The "Model Ready Response JSON Object": {@code {"name", "ready"}}. */
  public static byte[] modelReady(String name, boolean ready) {
    requireNonNull(name, "name");
    return ProtocolJson.write(
        g -> {
          g.writeStartObject();
          g.writeStringField("name", name);
          g.writeBooleanField("ready", ready);
          g.writeEndObject();
        });
  }

  private static void writeStrings(JsonGenerator g, String field, List<String> values)
      throws IOException {
    g.writeArrayFieldStart(field);
    for (String v : values) {
      g.writeString(v);
    }
    g.writeEndArray();
  }

  private static void writeTensors(JsonGenerator g, String field, List<TensorMetadata> tensors)
      throws IOException {
    g.writeArrayFieldStart(field);
    for (TensorMetadata t : tensors) {
      g.writeStartObject();
      g.writeStringField("name", t.name());
      g.writeStringField("datatype", t.datatype().name());
      g.writeFieldName("shape");
      g.writeArray(t.shape(), 0, t.shape().length);
      g.writeEndObject();
    }
    g.writeEndArray();
  }
}
