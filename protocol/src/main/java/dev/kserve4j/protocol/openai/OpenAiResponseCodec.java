package dev.kserve4j.protocol.openai;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.kserve4j.protocol.v2.internal.ProtocolJson;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;

/**
 * Writes OpenAI's whole (non-streamed) responses: completions, chat completions, embeddings, the
 * model list and the error object (OpenAI API reference, "Completions", "Chat", "Embeddings",
 * "Models", "Error codes").
 */
public final class OpenAiResponseCodec {
  /** {@code owned_by} of every model this server lists. */
  public static final String OWNER = "kserve4j";

  private OpenAiResponseCodec() {}

  /** A {@code text_completion} or {@code chat.completion}, per {@code head.chat()}. */
  public static byte[] completion(ResponseHead head, List<Choice> choices, Usage usage) {
    requireNonNull(head, "head");
    return ProtocolJson.write(
        g -> {
          g.writeStartObject();
          head(g, head, head.object());
          g.writeArrayFieldStart("choices");
          for (Choice c : choices) {
            g.writeStartObject();
            g.writeNumberField("index", c.index());
            if (head.chat()) {
              g.writeObjectFieldStart("message");
              g.writeStringField("role", "assistant");
              g.writeStringField("content", c.text());
              g.writeNullField("refusal");
              g.writeEndObject();
              LogprobsJson.chat(g, c.logprobs());
            } else {
              g.writeStringField("text", c.text());
              LogprobsJson.completion(g, c.logprobs(), 0);
            }
            g.writeStringField("finish_reason", c.finishReason());
            g.writeEndObject();
          }
          g.writeEndArray();
          usage(g, usage);
          g.writeEndObject();
        });
  }

  /** {@code {"object": "list", "data": [{"object": "embedding", "index", "embedding"}], ...}}. */
  public static byte[] embeddings(
      String model, List<float[]> vectors, int promptTokens, boolean base64) {
    return ProtocolJson.write(
        g -> {
          g.writeStartObject();
          g.writeStringField("object", "list");
          g.writeArrayFieldStart("data");
          for (int i = 0; i < vectors.size(); i++) {
            g.writeStartObject();
            g.writeStringField("object", "embedding");
            g.writeNumberField("index", i);
            if (base64) {
              g.writeStringField("embedding", base64(vectors.get(i)));
            } else {
              g.writeArrayFieldStart("embedding");
              for (float v : vectors.get(i)) {
                g.writeNumber(v);
              }
              g.writeEndArray();
            }
            g.writeEndObject();
          }
          g.writeEndArray();
          g.writeStringField("model", model);
          g.writeObjectFieldStart("usage");
          g.writeNumberField("prompt_tokens", promptTokens);
          g.writeNumberField("total_tokens", promptTokens);
          g.writeEndObject();
          g.writeEndObject();
        });
  }

  /** {@code GET /openai/v1/models}: {@code {"object": "list", "data": [model...]}}. */
  public static byte[] models(List<String> ids, long created) {
    return ProtocolJson.write(
        g -> {
          g.writeStartObject();
          modelData(g, ids, created);
          g.writeEndObject();
        });
  }

  /**
   * {@code GET /v1/models}, where KServe's V1 model list and OpenAI's model list share a path:
   * KServe's {@code "models"} (every model) next to OpenAI's {@code "object"} and {@code "data"}
   * (the models that generate text). Each kind of client reads its own fields.
   */
  public static byte[] modelsWithKServeList(
      List<String> all, List<String> generators, long created) {
    return ProtocolJson.write(
        g -> {
          g.writeStartObject();
          g.writeArrayFieldStart("models");
          for (String name : all) {
            g.writeString(name);
          }
          g.writeEndArray();
          modelData(g, generators, created);
          g.writeEndObject();
        });
  }

  /**
   * {@code {"error": {"message", "type", "param", "code"}}}; {@code param}, {@code code} may be
   * null.
   */
  public static byte[] error(String message, String type, String param, String code) {
    return ProtocolJson.write(
        g -> {
          g.writeStartObject();
          g.writeObjectFieldStart("error");
          g.writeStringField("message", message);
          g.writeStringField("type", type);
          g.writeStringField("param", param);
          g.writeStringField("code", code);
          g.writeEndObject();
          g.writeEndObject();
        });
  }

  static void head(JsonGenerator g, ResponseHead head, String object) throws IOException {
    g.writeStringField("id", head.id());
    g.writeStringField("object", object);
    g.writeNumberField("created", head.created());
    g.writeStringField("model", head.model());
  }

  static void usage(JsonGenerator g, Usage usage) throws IOException {
    g.writeObjectFieldStart("usage");
    g.writeNumberField("prompt_tokens", usage.promptTokens());
    g.writeNumberField("completion_tokens", usage.completionTokens());
    g.writeNumberField("total_tokens", usage.totalTokens());
    g.writeEndObject();
  }

  private static void modelData(JsonGenerator g, List<String> ids, long created)
      throws IOException {
    g.writeStringField("object", "list");
    g.writeArrayFieldStart("data");
    for (String id : ids) {
      g.writeStartObject();
      g.writeStringField("id", id);
      g.writeStringField("object", "model");
      g.writeNumberField("created", created);
      g.writeStringField("owned_by", OWNER);
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static String base64(float[] vector) {
    ByteBuffer b = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(vector);
    return Base64.getEncoder().encodeToString(b.array());
  }
}
