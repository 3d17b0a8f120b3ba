package dev.kserve4j.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenAiResponseCodecTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode read(byte[] b) throws Exception {
    return JSON.readTree(b);
  }

  private static Map<String, Double> top(String k1, double v1, String k2, double v2) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put(k1, v1);
    m.put(k2, v2);
    return m;
  }

  @Test
  void completionHasOpenAisFields() throws Exception {
    List<TokenLogprob> lps =
        List.of(
            new TokenLogprob("a", -0.5, top("a", -0.5, "b", -1.5)),
            new TokenLogprob(" cd", -0.25, Map.of()));
    JsonNode r =
        read(
            OpenAiResponseCodec.completion(
                new ResponseHead("cmpl-1", 1700000000L, "m", false),
                List.of(new Choice(0, "a cd", "length", lps), new Choice(1, "x", "stop", null)),
                new Usage(3, 5)));
    assertThat(r.get("id").asText()).isEqualTo("cmpl-1");
    assertThat(r.get("object").asText()).isEqualTo("text_completion");
    assertThat(r.get("created").asLong()).isEqualTo(1700000000L);
    assertThat(r.get("model").asText()).isEqualTo("m");
    assertThat(r.at("/choices/0/text").asText()).isEqualTo("a cd");
    assertThat(r.at("/choices/0/index").asInt()).isZero();
    assertThat(r.at("/choices/0/finish_reason").asText()).isEqualTo("length");
    assertThat(r.at("/choices/0/logprobs").toString())
        .isEqualTo(
            "{\"tokens\":[\"a\",\" cd\"],\"token_logprobs\":[-0.5,-0.25],"
                + "\"top_logprobs\":[{\"a\":-0.5,\"b\":-1.5},{}],\"text_offset\":[0,1]}");
    assertThat(r.at("/choices/1/index").asInt()).isEqualTo(1);
    assertThat(r.at("/choices/1/logprobs").isNull()).isTrue();
    assertThat(r.get("usage").toString())
        .isEqualTo("{\"prompt_tokens\":3,\"completion_tokens\":5,\"total_tokens\":8}");
  }

  @Test
  void chatCompletionHasAnAssistantMessageAndChatLogprobs() throws Exception {
    JsonNode r =
        read(
            OpenAiResponseCodec.completion(
                new ResponseHead("chatcmpl-9", 5, "m", true),
                List.of(
                    new Choice(
                        0,
                        "hé",
                        "stop",
                        List.of(new TokenLogprob("é", -1.0, top("e", -2.0, "f", -3.0))))),
                new Usage(1, 1)));
    assertThat(r.get("object").asText()).isEqualTo("chat.completion");
    assertThat(r.at("/choices/0/message").toString())
        .isEqualTo("{\"role\":\"assistant\",\"content\":\"hé\",\"refusal\":null}");
    assertThat(r.at("/choices/0/logprobs").toString())
        .isEqualTo(
            "{\"content\":[{\"token\":\"é\",\"logprob\":-1.0,\"bytes\":[195,169],\"top_logprobs\":["
                + "{\"token\":\"e\",\"logprob\":-2.0,\"bytes\":[101]},{\"token\":\"f\",\"logprob\":-3.0,\"bytes\":[102]}]}],"
                + "\"refusal\":null}");
    assertThat(r.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    assertThat(r.at("/usage/total_tokens").asInt()).isEqualTo(2);
    assertThat(r.has("text")).isFalse();
  }

  @Test
  void embeddingsAsFloatsAndAsBase64() throws Exception {
    float[] v = {0.5f, -2f, 3.25f};
    JsonNode r = read(OpenAiResponseCodec.embeddings("e", List.of(v, new float[] {1f}), 4, false));
    assertThat(r.get("object").asText()).isEqualTo("list");
    assertThat(r.get("model").asText()).isEqualTo("e");
    assertThat(r.at("/data/0/object").asText()).isEqualTo("embedding");
    assertThat(r.at("/data/1/index").asInt()).isEqualTo(1);
    assertThat(r.at("/data/0/embedding").toString()).isEqualTo("[0.5,-2.0,3.25]");
    assertThat(r.get("usage").toString()).isEqualTo("{\"prompt_tokens\":4,\"total_tokens\":4}");
    JsonNode b = read(OpenAiResponseCodec.embeddings("e", List.of(v), 4, true));
    ByteBuffer decoded =
        ByteBuffer.wrap(Base64.getDecoder().decode(b.at("/data/0/embedding").asText()))
            .order(ByteOrder.LITTLE_ENDIAN);
    assertThat(new float[] {decoded.getFloat(), decoded.getFloat(), decoded.getFloat()})
        .containsExactly(v);
    assertThat(decoded.hasRemaining()).isFalse();
  }

  @Test
  void modelListsOpenAiAloneAndMergedWithKServes() throws Exception {
    JsonNode r = read(OpenAiResponseCodec.models(List.of("lm"), 77));
    assertThat(r.toString())
        .isEqualTo(
            "{\"object\":\"list\",\"data\":[{\"id\":\"lm\",\"object\":\"model\","
                + "\"created\":77,\"owned_by\":\"kserve4j\"}]}");
    JsonNode merged =
        read(OpenAiResponseCodec.modelsWithKServeList(List.of("iris", "lm"), List.of("lm"), 77));
    assertThat(merged.get("models").toString()).isEqualTo("[\"iris\",\"lm\"]");
    assertThat(merged.get("object").asText()).isEqualTo("list");
    assertThat(merged.get("data").toString()).isEqualTo(r.get("data").toString());
  }

  @Test
  void errorHasOpenAisFourFields() throws Exception {
    assertThat(
            read(OpenAiResponseCodec.error("bad", "invalid_request_error", "n", null)).toString())
        .isEqualTo(
            "{\"error\":{\"message\":\"bad\",\"type\":\"invalid_request_error\",\"param\":\"n\",\"code\":null}}");
  }
}
