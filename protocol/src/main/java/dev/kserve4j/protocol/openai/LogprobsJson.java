package dev.kserve4j.protocol.openai;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The two shapes of {@code logprobs}: the legacy completions' columns and chat's per token list.
 */
final class LogprobsJson {
  private LogprobsJson() {}

  /**
   * Completions: {@code {"tokens", "token_logprobs", "top_logprobs", "text_offset"}}, one column
   * entry per token; {@code text_offset} counts characters from {@code offset}.
   */
  static void completion(JsonGenerator g, List<TokenLogprob> tokens, int offset)
      throws IOException {
    if (tokens == null) {
      g.writeNullField("logprobs");
      return;
    }
    g.writeObjectFieldStart("logprobs");
    g.writeArrayFieldStart("tokens");
    for (TokenLogprob t : tokens) {
      g.writeString(t.token());
    }
    g.writeEndArray();
    g.writeArrayFieldStart("token_logprobs");
    for (TokenLogprob t : tokens) {
      g.writeNumber(t.logprob());
    }
    g.writeEndArray();
    g.writeArrayFieldStart("top_logprobs");
    for (TokenLogprob t : tokens) {
      g.writeStartObject();
      for (Map.Entry<String, Double> e : t.top().entrySet()) {
        g.writeNumberField(e.getKey(), e.getValue());
      }
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("text_offset");
    int at = offset;
    for (TokenLogprob t : tokens) {
      g.writeNumber(at);
      at += t.token().length();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  /**
   * Chat: {@code {"content": [{"token", "logprob", "bytes", "top_logprobs": [...]}], "refusal":
   * null}}; {@code bytes} are the token's UTF-8 bytes.
   */
  static void chat(JsonGenerator g, List<TokenLogprob> tokens) throws IOException {
    if (tokens == null) {
      g.writeNullField("logprobs");
      return;
    }
    g.writeObjectFieldStart("logprobs");
    g.writeArrayFieldStart("content");
    for (TokenLogprob t : tokens) {
      g.writeStartObject();
      entry(g, t.token(), t.logprob());
      g.writeArrayFieldStart("top_logprobs");
      for (Map.Entry<String, Double> e : t.top().entrySet()) {
        g.writeStartObject();
        entry(g, e.getKey(), e.getValue());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeNullField("refusal");
    g.writeEndObject();
  }

  private static void entry(JsonGenerator g, String token, double logprob) throws IOException {
    g.writeStringField("token", token);
    g.writeNumberField("logprob", logprob);
    g.writeArrayFieldStart("bytes");
    for (byte b : token.getBytes(StandardCharsets.UTF_8)) {
      g.writeNumber(b & 0xFF);
    }
    g.writeEndArray();
  }
}
