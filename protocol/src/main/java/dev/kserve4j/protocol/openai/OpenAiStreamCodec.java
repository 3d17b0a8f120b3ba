package dev.kserve4j.protocol.openai;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.kserve4j.protocol.v2.internal.ProtocolJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes the server-sent events of a streamed completion as OpenAI sends them: one {@code data:
 * {chunk}} event per piece of text, a chunk with the {@code finish_reason} per choice, with {@code
 * stream_options.include_usage} a {@code "usage": null} on every chunk and a last chunk with empty
 * {@code choices} and the usage, then {@code data: [DONE]}. A chat stream opens each choice with a
 * chunk whose delta carries {@code "role": "assistant"} and empty content.
 */
public final class OpenAiStreamCodec {
  private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);

  private OpenAiStreamCodec() {}

  /** The first chunk of a chat choice: {@code delta: {"role": "assistant", "content": ""}}. */
  public static byte[] chatStart(ResponseHead head, int index, boolean includeUsage) {
    return chunk(
        head,
        includeUsage,
        g -> {
          g.writeObjectFieldStart("delta");
          g.writeStringField("role", "assistant");
          g.writeStringField("content", "");
          g.writeEndObject();
          g.writeNullField("logprobs");
          g.writeNullField("finish_reason");
        },
        index);
  }

  /**
   * A piece of generated text of choice {@code index}; {@code logprobs} holds its tokens, or is
   * null when not asked for. {@code offset} is the piece's character offset in the choice's text
   * (for the completions' {@code text_offset}).
   */
  public static byte[] text(
      ResponseHead head,
      int index,
      String text,
      List<TokenLogprob> logprobs,
      int offset,
      boolean includeUsage) {
    requireNonNull(text, "text");
    return chunk(
        head,
        includeUsage,
        g -> {
          if (head.chat()) {
            g.writeObjectFieldStart("delta");
            g.writeStringField("content", text);
            g.writeEndObject();
            LogprobsJson.chat(g, logprobs);
          } else {
            g.writeStringField("text", text);
            LogprobsJson.completion(g, logprobs, offset);
          }
          g.writeNullField("finish_reason");
        },
        index);
  }

  /** The last chunk of choice {@code index}: empty delta (or text) and its finish reason. */
  public static byte[] finish(
      ResponseHead head, int index, String finishReason, boolean includeUsage) {
    requireNonNull(finishReason, "finishReason");
    return chunk(
        head,
        includeUsage,
        g -> {
          if (head.chat()) {
            g.writeObjectFieldStart("delta");
            g.writeEndObject();
          } else {
            g.writeStringField("text", "");
          }
          g.writeNullField("logprobs");
          g.writeStringField("finish_reason", finishReason);
        },
        index);
  }

  /** The usage chunk sent before {@code [DONE]} when {@code include_usage}: empty choices. */
  public static byte[] usage(ResponseHead head, Usage usage) {
    return ProtocolJson.write(
        g -> {
          g.writeStartObject();
          OpenAiResponseCodec.head(g, head, head.chunkObject());
          g.writeArrayFieldStart("choices");
          g.writeEndArray();
          OpenAiResponseCodec.usage(g, usage);
          g.writeEndObject();
        });
  }

  /** One server-sent event carrying {@code json}: {@code data: json\n\n}. */
  public static byte[] event(byte[] json) {
    byte[] out = new byte[DATA.length + json.length + 2];
    System.arraycopy(DATA, 0, out, 0, DATA.length);
    System.arraycopy(json, 0, out, DATA.length, json.length);
    out[out.length - 2] = '\n';
    out[out.length - 1] = '\n';
    return out;
  }

  /** The event that ends every stream: {@code data: [DONE]\n\n}. */
  public static byte[] done() {
    return DONE.clone();
  }

  @FunctionalInterface
  private interface ChoiceBody {
    void write(JsonGenerator g) throws IOException;
  }

  private static byte[] chunk(
      ResponseHead head, boolean includeUsage, ChoiceBody choice, int index) {
    requireNonNull(head, "head");
    return ProtocolJson.write(
        g -> {
          g.writeStartObject();
          OpenAiResponseCodec.head(g, head, head.chunkObject());
          g.writeArrayFieldStart("choices");
          g.writeStartObject();
          g.writeNumberField("index", index);
          choice.write(g);
          g.writeEndObject();
          g.writeEndArray();
          if (includeUsage) {
            g.writeNullField("usage");
          }
          g.writeEndObject();
        });
  }
}
