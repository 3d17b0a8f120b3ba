package dev.kserve4j.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenAiStreamCodecTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ResponseHead CHAT = new ResponseHead("chatcmpl-1", 9, "m", true);
  private static final ResponseHead TEXT = new ResponseHead("cmpl-1", 9, "m", false);

  private static String s(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  @Test
  void chatChunksOpenWithTheRoleThenCarryContentThenTheFinishReason() {
    assertThat(s(OpenAiStreamCodec.chatStart(CHAT, 0, false)))
        .isEqualTo(
            "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":9,\"model\":\"m\","
                + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},"
                + "\"logprobs\":null,\"finish_reason\":null}]}");
    assertThat(s(OpenAiStreamCodec.text(CHAT, 1, "hi", null, 0, true)))
        .isEqualTo(
            "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":9,\"model\":\"m\","
                + "\"choices\":[{\"index\":1,\"delta\":{\"content\":\"hi\"},\"logprobs\":null,"
                + "\"finish_reason\":null}],\"usage\":null}");
    assertThat(s(OpenAiStreamCodec.finish(CHAT, 0, "length", false)))
        .isEqualTo(
            "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":9,\"model\":\"m\","
                + "\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"length\"}]}");
  }

  @Test
  void completionChunksAreTextCompletionsWithTextOffsets() throws Exception {
    JsonNode c =
        JSON.readTree(
            OpenAiStreamCodec.text(
                TEXT, 0, " b", List.of(new TokenLogprob(" b", -1, Map.of())), 3, false));
    assertThat(c.get("object").asText()).isEqualTo("text_completion");
    assertThat(c.at("/choices/0/text").asText()).isEqualTo(" b");
    assertThat(c.at("/choices/0/logprobs/text_offset").toString()).isEqualTo("[3]");
    assertThat(c.at("/choices/0/finish_reason").isNull()).isTrue();
    assertThat(c.has("usage")).isFalse();
    JsonNode f = JSON.readTree(OpenAiStreamCodec.finish(TEXT, 2, "stop", true));
    assertThat(f.at("/choices/0/text").asText()).isEmpty();
    assertThat(f.at("/choices/0/index").asInt()).isEqualTo(2);
    assertThat(f.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    assertThat(f.get("usage").isNull()).isTrue();
  }

  @Test
  void usageChunkHasEmptyChoices() {
    assertThat(s(OpenAiStreamCodec.usage(CHAT, new Usage(2, 3))))
        .isEqualTo(
            "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":9,\"model\":\"m\","
                + "\"choices\":[],\"usage\":{\"prompt_tokens\":2,\"completion_tokens\":3,\"total_tokens\":5}}");
  }

  @Test
  void eventsAreDataLinesEndedByABlankLine() {
    assertThat(s(OpenAiStreamCodec.event("{\"a\":1}".getBytes(StandardCharsets.UTF_8))))
        .isEqualTo("data: {\"a\":1}\n\n");
    assertThat(s(OpenAiStreamCodec.done())).isEqualTo("data: [DONE]\n\n");
  }
}
