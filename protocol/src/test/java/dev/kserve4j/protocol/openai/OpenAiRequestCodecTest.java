package dev.kserve4j.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenAiRequestCodecTest {

  private static byte[] json(String s) {
    return s.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
  }

  private static InvalidParameterException completionError(String body) {
    try {
      OpenAiRequestCodec.completion(json(body));
    } catch (InvalidParameterException e) {
      return e;
    }
    throw new AssertionError("no error for " + body);
  }

  private static InvalidParameterException chatError(String body) {
    try {
      OpenAiRequestCodec.chat(json(body));
    } catch (InvalidParameterException e) {
      return e;
    }
    throw new AssertionError("no error for " + body);
  }

  @Test
  void completionWithEveryField() {
    CompletionRequest r =
        OpenAiRequestCodec.completion(
            json(
                "{'model':'m','prompt':['a b','c'],'max_tokens':7,'temperature':0.5,'top_p':0.9,"
                    + "'seed':42,'stop':['x','yy'],'n':3,'stream':true,'stream_options':{'include_usage':true},"
                    + "'logprobs':2,'user':'u1','frequency_penalty':0.1}"));
    assertThat(r.model()).isEqualTo("m");
    assertThat(r.prompts()).containsExactly("a b", "c");
    assertThat(r.sampling())
        .isEqualTo(new SamplingOptions(7, 0.5, 0.9, 42L, List.of("x", "yy"), 3));
    assertThat(r.stream()).isTrue();
    assertThat(r.includeUsage()).isTrue();
    assertThat(r.logprobs()).isEqualTo(2);
    assertThat(r.user()).isEqualTo("u1");
    assertThat(r.sampling().seedOf(2)).isEqualTo(44L);
  }

  @Test
  void completionDefaultsAreOpenAis() {
    CompletionRequest r =
        OpenAiRequestCodec.completion(
            json(
                "{'model':'m','prompt':'hi','temperature':null,'stop':'end','stream_options':null}"));
    assertThat(r.prompts()).containsExactly("hi");
    assertThat(r.sampling()).isEqualTo(new SamplingOptions(16, 1.0, 1.0, null, List.of("end"), 1));
    assertThat(r.stream()).isFalse();
    assertThat(r.includeUsage()).isFalse();
    assertThat(r.logprobs()).isEqualTo(-1);
    assertThat(r.user()).isNull();
    assertThat(r.sampling().seedOf(1)).isNull();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "{'prompt':'x'}|model|model: missing (expected the name of a served model)",
        "{'model':3,'prompt':'x'}|model|model: 3 (expected the name of a served model)",
        "{'model':'m'}|prompt|prompt: missing (expected a string or an array of strings)",
        "{'model':'m','prompt':[1,2]}|prompt[0]|prompt[0]: 1 (expected a string (token-id arrays"
            + " are not supported))",
        "{'model':'m','prompt':[]}|prompt|prompt: [] (expected a string or an array of at most"
            + " 2147483647 strings)",
        "{'model':'m','prompt':'x','max_tokens':0}|max_tokens|max_tokens: 0 (expected an integer >="
            + " 1)",
        "{'model':'m','prompt':'x','max_tokens':1.5}|max_tokens|max_tokens: 1.5 (expected an"
            + " integer >= 1)",
        "{'model':'m','prompt':'x','temperature':2.5}|temperature|temperature: 2.5 (expected a"
            + " number between 0 and 2)",
        "{'model':'m','prompt':'x','temperature':'hot'}|temperature|temperature: \"hot\" (expected"
            + " a number between 0 and 2)",
        "{'model':'m','prompt':'x','top_p':0}|top_p|top_p: 0 (expected a number > 0 and <= 1)",
        "{'model':'m','prompt':'x','seed':'s'}|seed|seed: \"s\" (expected an integer)",
        "{'model':'m','prompt':'x','stop':['a','b','c','d','e']}|stop|stop:"
            + " [\"a\",\"b\",\"c\",\"d\",\"e\"] (expected a string or an array of at most 4"
            + " strings, none empty)",
        "{'model':'m','prompt':'x','stop':''}|stop|stop: \"\" (expected a string or an array of at"
            + " most 4 strings, none empty)",
        "{'model':'m','prompt':'x','n':0}|n|n: 0 (expected an integer between 1 and 128)",
        "{'model':'m','prompt':'x','stream':'yes'}|stream|stream: \"yes\" (expected true or false)",
        "{'model':'m','prompt':'x','stream_options':{'include_usage':true}}|stream_options|stream_options:"
            + " {\"include_usage\":true} (expected it only together with stream: true)",
        "{'model':'m','prompt':'x','stream':true,'stream_options':{'include_usage':1}}|stream_options|stream_options:"
            + " {\"include_usage\":1} (expected an object {\"include_usage\": true or false})",
        "{'model':'m','prompt':'x','logprobs':6}|logprobs|logprobs: 6 (expected an integer between"
            + " 0 and 5)",
        "{'model':'m','prompt':'x','echo':true}|echo|echo: true (expected false: echoing the prompt"
            + " is not supported)",
        "{'model':'m','prompt':'x','user':5}|user|user: 5 (expected a string)",
      })
  void completionErrorsNameTheFieldAndTheExpectedValue(String body, String param, String message) {
    InvalidParameterException e = completionError(body);
    assertThat(e.param()).isEqualTo(param);
    assertThat(e.getMessage()).isEqualTo(message);
  }

  @Test
  void bodyThatIsNotAJsonObjectHasNoParam() {
    InvalidParameterException e = completionError("{'model':");
    assertThat(e.param()).isNull();
    assertThat(e.getMessage())
        .startsWith("request body is not valid JSON: ")
        .endsWith("(expected a JSON object)");
    e = completionError("[1]");
    assertThat(e.getMessage()).isEqualTo("request body: array (expected a JSON object)");
    e = completionError("");
    assertThat(e.getMessage()).isEqualTo("request body: empty (expected a JSON object)");
  }

  @Test
  void chatWithEveryField() {
    ChatCompletionRequest r =
        OpenAiRequestCodec.chat(
            json(
                "{'model':'m','messages':[{'role':'system','content':'be"
                    + " brief'},{'role':'user','content':[{'type':'text','text':'a"
                    + " '},{'type':'text','text':'b'}]},"
                    + "{'role':'assistant','content':null},{'role':'developer','content':'d'}],"
                    + "'max_completion_tokens':9,'max_tokens':3,'temperature':0,'top_p':1,'seed':-1,"
                    + "'stop':'.','n':2,'stream':true,'stream_options':{'include_usage':false},"
                    + "'logprobs':true,'top_logprobs':20,'user':'u'}"));
    assertThat(r.messages())
        .containsExactly(
            new ChatTurn("system", "be brief"),
            new ChatTurn("user", "a b"),
            new ChatTurn("assistant", ""),
            new ChatTurn("developer", "d"));
    assertThat(r.sampling()).isEqualTo(new SamplingOptions(9, 0.0, 1.0, -1L, List.of("."), 2));
    assertThat(r.stream()).isTrue();
    assertThat(r.includeUsage()).isFalse();
    assertThat(r.logprobs()).isTrue();
    assertThat(r.topLogprobs()).isEqualTo(20);
    assertThat(r.user()).isEqualTo("u");
  }

  @Test
  void chatFallsBackToMaxTokensAndDefaultsToNoLimit() {
    assertThat(
            OpenAiRequestCodec.chat(
                    json("{'model':'m','messages':[{'role':'user','content':'x'}],'max_tokens':5}"))
                .sampling()
                .maxTokens())
        .isEqualTo(5);
    ChatCompletionRequest r =
        OpenAiRequestCodec.chat(json("{'model':'m','messages':[{'role':'user','content':'x'}]}"));
    assertThat(r.sampling().maxTokens()).isEqualTo(-1);
    assertThat(r.logprobs()).isFalse();
    assertThat(r.topLogprobs()).isZero();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "{'model':'m'}|messages|messages: missing (expected a non-empty array of messages)",
        "{'model':'m','messages':[]}|messages|messages: [] (expected a non-empty array of"
            + " messages)",
        "{'model':'m','messages':['hi']}|messages[0]|messages[0]: \"hi\" (expected an object with"
            + " \"role\" and \"content\")",
        "{'model':'m','messages':[{'role':'robot','content':'x'}]}|messages[0].role|messages[0].role:"
            + " \"robot\" (expected one of \"system\", \"developer\", \"user\", \"assistant\","
            + " \"tool\")",
        "{'model':'m','messages':[{'content':'x'}]}|messages[0].role|messages[0].role: missing"
            + " (expected one of \"system\", \"developer\", \"user\", \"assistant\", \"tool\")",
        "{'model':'m','messages':[{'role':'user'}]}|messages[0].content|messages[0].content:"
            + " missing (expected a string or an array of text parts)",
        "{'model':'m','messages':[{'role':'user','content':5}]}|messages[0].content|messages[0].content:"
            + " 5 (expected a string or an array of text parts)",
        "{'model':'m','messages':[{'role':'user','content':[{'type':'image_url'}]}]}|messages[0].content[0]|messages[0].content[0]:"
            + " {\"type\":\"image_url\"} (expected a text part {\"type\": \"text\", \"text\":"
            + " \"...\"}; images and audio are not supported)",
        "{'model':'m','messages':[{'role':'user','content':'x'}],'max_completion_tokens':-1}|max_completion_tokens|max_completion_tokens:"
            + " -1 (expected an integer >= 1)",
        "{'model':'m','messages':[{'role':'user','content':'x'}],'logprobs':1}|logprobs|logprobs: 1"
            + " (expected true or false)",
        "{'model':'m','messages':[{'role':'user','content':'x'}],'top_logprobs':21,'logprobs':true}|top_logprobs|top_logprobs:"
            + " 21 (expected an integer between 0 and 20)",
        "{'model':'m','messages':[{'role':'user','content':'x'}],'top_logprobs':2}|top_logprobs|top_logprobs:"
            + " 2 (expected it only together with logprobs: true)",
      })
  void chatErrorsNameTheFieldAndTheExpectedValue(String body, String param, String message) {
    InvalidParameterException e = chatError(body);
    assertThat(e.param()).isEqualTo(param);
    assertThat(e.getMessage()).isEqualTo(message);
  }

  @Test
  void embeddingsWithEveryField() {
    EmbeddingsRequest r =
        OpenAiRequestCodec.embeddings(
            json("{'model':'e','input':['a','b c'],'encoding_format':'base64','user':'u'}"));
    assertThat(r).isEqualTo(new EmbeddingsRequest("e", List.of("a", "b c"), true, "u"));
    r = OpenAiRequestCodec.embeddings(json("{'model':'e','input':'a','encoding_format':'float'}"));
    assertThat(r).isEqualTo(new EmbeddingsRequest("e", List.of("a"), false, null));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "{'model':'e'}|input|input: missing (expected a string or an array of at most 2048"
            + " strings)",
        "{'model':'e','input':''}|input|input: \"\" (expected a string or an array of at most 2048"
            + " strings, none empty)",
        "{'model':'e','input':['a','']}|input[1]|input[1]: \"\" (expected a non-empty string)",
        "{'model':'e','input':[[1,2]]}|input[0]|input[0]: [1,2] (expected a string (token-id arrays"
            + " are not supported))",
        "{'model':'e','input':'a','encoding_format':'hex'}|encoding_format|encoding_format: \"hex\""
            + " (expected \"float\" or \"base64\")",
        "{'model':'e','input':'a','dimensions':8}|dimensions|dimensions: 8 (expected no dimensions:"
            + " the model's embeddings have a fixed size)",
      })
  void embeddingsErrorsNameTheFieldAndTheExpectedValue(String body, String param, String message) {
    assertThatThrownBy(() -> OpenAiRequestCodec.embeddings(json(body)))
        .isInstanceOfSatisfying(
            InvalidParameterException.class,
            e -> {
              assertThat(e.param()).isEqualTo(param);
              assertThat(e.getMessage()).isEqualTo(message);
            });
  }
}
