package dev.kserve4j.server.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kserve4j.runtime.ModelRuntimes;
import dev.kserve4j.server.KServeServer;
import dev.kserve4j.server.config.ModelConfig;
import dev.kserve4j.server.config.ServerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The OpenAI API end to end: a real server serving fake language models, a real HTTP client. */
class OpenAiApiIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private static KServeServer server;
  private static Path directory;

  @BeforeAll
  static void start() throws IOException {
    directory = Files.createTempDirectory("fake-lm");
    Files.writeString(directory.resolve(FakeLanguageModelProvider.MARKER), "");
    server =
        KServeServer.start(
            ServerConfig.defaults(
                    List.of(
                        model("lm", Map.of()),
                        model("slow-lm", Map.of("delayMillis", "20")),
                        model("slow-lm-2", Map.of("delayMillis", "20")),
                        model("held-lm", Map.of("holdAfterFirstToken", "true")),
                        model("failing-lm", Map.of("failAfterTokens", "2")),
                        model("early-failing-lm", Map.of("failAfterTokens", "0")),
                        model("bare-lm", Map.of("chatTemplate", "false", "embeddings", "false")),
                        model("plain", Map.of("generates", "false"))))
                .onEphemeralPorts(),
            ModelRuntimes.discover(OpenAiApiIT.class.getClassLoader()));
  }

  private static ModelConfig model(String name, Map<String, String> options) {
    return new ModelConfig(name, null, directory, FakeLanguageModelProvider.FORMAT, options, null);
  }

  @AfterAll
  static void stop() throws IOException {
    server.close();
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
    }
  }

  private static FakeTextGenerator generator(String model) {
    return (FakeTextGenerator) server.dataPlane().textGenerator(model);
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.httpPort() + path);
  }

  private static HttpResponse<String> post(String path, String body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.replace('\'', '"')))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    return JSON.readTree(r.body());
  }

  /** The JSON of each {@code data:} event of a complete SSE body, checking the framing. */
  private static List<String> events(String body) {
    assertThat(body).endsWith("data: [DONE]\n\n");
    List<String> events = new ArrayList<>();
    for (String event : body.split("\n\n", -1)) {
      if (event.isEmpty()) {
        continue; // after the last blank line
      }
      assertThat(event).startsWith("data: ").doesNotContain("\n");
      events.add(event.substring("data: ".length()));
    }
    assertThat(events.getLast()).isEqualTo("[DONE]");
    return events.subList(0, events.size() - 1);
  }

  private static List<JsonNode> chunks(String body) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String e : events(body)) {
      out.add(JSON.readTree(e));
    }
    return out;
  }

  @Test
  void completionStopsAtMaxTokensWithLengthAndCountsUsage() throws Exception {
    long before = Instant.now().getEpochSecond();
    HttpResponse<String> r =
        post(
            "/openai/v1/completions",
            "{'model':'lm','prompt':'one two three four','max_tokens':3,'user':'u-1'}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    JsonNode c = json(r);
    assertThat(c.get("id").asText()).startsWith("cmpl-");
    assertThat(c.get("object").asText()).isEqualTo("text_completion");
    assertThat(c.get("created").asLong()).isBetween(before, Instant.now().getEpochSecond());
    assertThat(c.get("model").asText()).isEqualTo("lm");
    assertThat(c.get("choices")).hasSize(1);
    assertThat(c.at("/choices/0/text").asText()).isEqualTo("four three two");
    assertThat(c.at("/choices/0/index").asInt()).isZero();
    assertThat(c.at("/choices/0/finish_reason").asText()).isEqualTo("length");
    assertThat(c.at("/choices/0/logprobs").isNull()).isTrue();
    assertThat(c.get("usage").toString())
        .isEqualTo("{\"prompt_tokens\":4,\"completion_tokens\":3,\"total_tokens\":7}");
  }

  @Test
  void completionEndsWithStopAtTheEndOrAtAStopSequenceOnBothPrefixes() throws Exception {
    JsonNode c = json(post("/v1/completions", "{'model':'lm','prompt':'a b c'}"));
    assertThat(c.at("/choices/0/text").asText()).isEqualTo("c b a");
    assertThat(c.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    JsonNode cut =
        json(
            post(
                "/openai/v1/completions",
                "{'model':'lm','prompt':'a b c"
                    + " d','stop':['b','zz'],'max_tokens':10,'temperature':0.5,'top_p':0.5}"));
    assertThat(cut.at("/choices/0/text").asText()).isEqualTo("d c ");
    assertThat(cut.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    var request = generator("lm").requests.getLast();
    assertThat(request.stop()).containsExactly("b", "zz");
    assertThat(request.temperature()).isEqualTo(0.5);
    assertThat(request.topP()).isEqualTo(0.5);
    assertThat(request.maxTokens()).isEqualTo(10);
  }

  @Test
  void nChoicesPerPromptUseSuccessiveSeedsAndCountEachPromptOnce() throws Exception {
    JsonNode c =
        json(
            post(
                "/v1/completions",
                "{'model':'lm','prompt':['a b c','x y'],'n':2,"
                    + "'seed':7,'temperature':1,'max_tokens':5}"));
    assertThat(c.get("choices")).hasSize(4);
    List<String> expected =
        List.of(
            String.join(" ", FakeTextGenerator.answer("a b c", 7L, 1)),
            String.join(" ", FakeTextGenerator.answer("a b c", 8L, 1)),
            String.join(" ", FakeTextGenerator.answer("x y", 7L, 1)),
            String.join(" ", FakeTextGenerator.answer("x y", 8L, 1)));
    assertThat(expected.get(0)).isNotEqualTo(expected.get(1));
    for (int i = 0; i < 4; i++) {
      assertThat(c.at("/choices/" + i + "/index").asInt()).isEqualTo(i);
      assertThat(c.at("/choices/" + i + "/text").asText()).isEqualTo(expected.get(i));
    }
    assertThat(c.get("usage").toString())
        .isEqualTo("{\"prompt_tokens\":5,\"completion_tokens\":10,\"total_tokens\":15}");
  }

  @Test
  void chatCompletionAppliesTheModelsTemplate() throws Exception {
    HttpResponse<String> r =
        post(
            "/openai/v1/chat/completions",
            "{'model':'lm','messages':["
                + "{'role':'system','content':'be brief'},{'role':'user','content':'hello there'}],"
                + "'max_completion_tokens':50}");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode c = json(r);
    assertThat(c.get("id").asText()).startsWith("chatcmpl-");
    assertThat(c.get("object").asText()).isEqualTo("chat.completion");
    assertThat(c.at("/choices/0/message/role").asText()).isEqualTo("assistant");
    assertThat(c.at("/choices/0/message/content").asText())
        .isEqualTo("[assistant] there hello [user] brief be [system]");
    assertThat(c.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    assertThat(c.get("usage").toString())
        .isEqualTo("{\"prompt_tokens\":7,\"completion_tokens\":7,\"total_tokens\":14}");
  }

  @Test
  void chatStreamIsOpenAisServerSentEventsWithAFinalUsageChunk() throws Exception {
    HttpResponse<String> r =
        post(
            "/v1/chat/completions",
            "{'model':'lm','messages':"
                + "[{'role':'user','content':'a b c d'}],'max_tokens':3,'stream':true,"
                + "'stream_options':{'include_usage':true}}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
    List<JsonNode> chunks = chunks(r.body());
    assertThat(chunks).hasSize(6); // role, 3 tokens, finish, usage
    String id = chunks.getFirst().get("id").asText();
    assertThat(id).startsWith("chatcmpl-");
    for (JsonNode chunk : chunks) {
      assertThat(chunk.get("id").asText()).isEqualTo(id);
      assertThat(chunk.get("object").asText()).isEqualTo("chat.completion.chunk");
      assertThat(chunk.get("model").asText()).isEqualTo("lm");
    }
    assertThat(chunks.get(0).at("/choices/0/delta").toString())
        .isEqualTo("{\"role\":\"assistant\",\"content\":\"\"}");
    StringBuilder content = new StringBuilder();
    for (JsonNode chunk : chunks.subList(1, 4)) {
      assertThat(chunk.at("/choices/0/finish_reason").isNull()).isTrue();
      assertThat(chunk.get("usage").isNull()).isTrue();
      content.append(chunk.at("/choices/0/delta/content").asText());
    }
    assertThat(content).hasToString("[assistant] d c");
    assertThat(chunks.get(4).at("/choices/0/delta").toString()).isEqualTo("{}");
    assertThat(chunks.get(4).at("/choices/0/finish_reason").asText()).isEqualTo("length");
    assertThat(chunks.get(5).get("choices")).isEmpty();
    assertThat(chunks.get(5).get("usage").toString())
        .isEqualTo("{\"prompt_tokens\":6,\"completion_tokens\":3,\"total_tokens\":9}");
  }

  @Test
  void completionStreamWithoutUsageAndWithLogprobs() throws Exception {
    HttpResponse<String> r =
        post("/openai/v1/completions", "{'model':'lm','prompt':'x y','stream':true,'logprobs':1}");
    List<JsonNode> chunks = chunks(r.body());
    assertThat(chunks).hasSize(3);
    assertThat(chunks.get(0).get("object").asText()).isEqualTo("text_completion");
    assertThat(chunks.get(0).at("/choices/0/text").asText()).isEqualTo("y");
    assertThat(chunks.get(0).at("/choices/0/logprobs").toString())
        .isEqualTo(
            "{\"tokens\":[\"y\"],\"token_logprobs\":[-0.1],\"top_logprobs\":[{\"y\":-0.1}],\"text_offset\":[0]}");
    assertThat(chunks.get(1).at("/choices/0/text").asText()).isEqualTo(" x");
    assertThat(chunks.get(1).at("/choices/0/logprobs/text_offset").toString()).isEqualTo("[1]");
    assertThat(chunks.get(2).at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    for (JsonNode chunk : chunks) {
      assertThat(chunk.has("usage")).isFalse();
    }
  }

  @Test
  void chatLogprobsWholeAndTwoStreamedChoices() throws Exception {
    JsonNode c =
        json(
            post(
                "/v1/chat/completions",
                "{'model':'lm','messages':[{'role':'user','content':'k'}],"
                    + "'logprobs':true,'top_logprobs':2,'max_tokens':1}"));
    assertThat(c.at("/choices/0/logprobs/content/0/token").asText()).isEqualTo("[assistant]");
    assertThat(c.at("/choices/0/logprobs/content/0/logprob").asDouble()).isEqualTo(-0.1);
    assertThat(c.at("/choices/0/logprobs/content/0/top_logprobs/1/token").asText())
        .isEqualTo("~[assistant]");
    List<JsonNode> chunks =
        chunks(
            post(
                    "/v1/chat/completions",
                    "{'model':'lm','messages':"
                        + "[{'role':'user','content':'k'}],'n':2,'stream':true,'max_tokens':2}")
                .body());
    for (int index = 0; index < 2; index++) {
      int i = index;
      List<JsonNode> mine =
          chunks.stream().filter(ch -> ch.at("/choices/0/index").asInt() == i).toList();
      assertThat(mine).hasSize(4);
      assertThat(mine.getFirst().at("/choices/0/delta/role").asText()).isEqualTo("assistant");
      assertThat(mine.getLast().at("/choices/0/finish_reason").asText()).isEqualTo("length");
    }
  }

  @Test
  void streamIsFlushedTokenByToken() throws Exception {
    FakeTextGenerator held = generator("held-lm");
    HttpResponse<Stream<String>> r =
        HTTP.send(
            HttpRequest.newBuilder(uri("/v1/completions"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"held-lm\",\"prompt\":\"p q r\",\"stream\":true}"))
                .build(),
            HttpResponse.BodyHandlers.ofLines());
    Iterator<String> lines = r.body().iterator();
    String first = lines.next();
    // The first token arrived while the model still holds the second one back (the model says so
    // just after it sent the first: awaited, not read).
    await("the model holding back its second token")
        .atMost(Duration.ofSeconds(30))
        .until(held::holding);
    assertThat(JSON.readTree(first.substring("data: ".length())).at("/choices/0/text").asText())
        .isEqualTo("r");
    held.release();
    List<String> rest = new ArrayList<>();
    lines.forEachRemaining(rest::add);
    assertThat(rest.getLast()).isEmpty();
    assertThat(rest.get(rest.size() - 2)).isEqualTo("data: [DONE]");
  }

  /** Sends {@code body} to {@code path} on a raw socket, which the caller closes. */
  private static Socket open(String path, String body) throws IOException {
    Socket socket = new Socket("127.0.0.1", server.httpPort());
    OutputStream out = socket.getOutputStream();
    out.write(
        ("POST "
                + path
                + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: "
                + body.length()
                + "\r\n\r\n"
                + body)
            .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return socket;
  }

  @Test
  void clientThatLeavesBeforeAWholeAnswerStopsTheGeneration() throws Exception {
    FakeTextGenerator slow = generator("slow-lm-2");
    String prompt = String.join(" ", java.util.Collections.nCopies(500, "w"));
    try (Socket socket =
        open(
            "/openai/v1/completions",
            "{\"model\":\"slow-lm-2\",\"prompt\":\"" + prompt + "\",\"max_tokens\":1000}")) {
      await("three tokens generated")
          .atMost(Duration.ofSeconds(30))
          .until(() -> slow.lastTokens.get() >= 3);
    }
    await("the generation stopped by the closed connection")
        .atMost(Duration.ofSeconds(30))
        .until(slow.refused::get);
    assertThat(slow.lastTokens.get()).isLessThan(500);
  }

  @Test
  void clientThatDisconnectsMidStreamStopsTheGeneration() throws Exception {
    FakeTextGenerator slow = generator("slow-lm");
    String prompt = String.join(" ", java.util.Collections.nCopies(500, "w"));
    String body =
        "{\"model\":\"slow-lm\",\"prompt\":\"" + prompt + "\",\"max_tokens\":1000,\"stream\":true}";
    try (Socket socket = open("/v1/completions", body)) {
      InputStream in = socket.getInputStream();
      StringBuilder seen = new StringBuilder();
      while (seen.toString().split("data: ", -1).length <= 3) {
        int b = in.read();
        assertThat(b).isNotEqualTo(-1);
        seen.append((char) b);
      }
      assertThat(seen).startsWith("HTTP/1.1 200");
    }
    await("the generation stopped by the closed connection")
        .atMost(Duration.ofSeconds(30))
        .until(slow.refused::get);
    assertThat(slow.lastTokens.get()).isLessThan(500);
    await("no active generation of slow-lm on /metrics")
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                get("/metrics")
                    .body()
                    .contains("kserve4j_generation_active_requests{model_name=\"slow-lm\"} 0.0"));
    assertThat(
            json(post("/v1/completions", "{'model':'lm','prompt':'still here'}"))
                .at("/choices/0/text")
                .asText())
        .isEqualTo("here still");
  }

  @Test
  void embeddingsAsFloatsAndBase64() throws Exception {
    JsonNode e = json(post("/openai/v1/embeddings", "{'model':'lm','input':['a b','cde']}"));
    assertThat(e.get("object").asText()).isEqualTo("list");
    assertThat(e.get("model").asText()).isEqualTo("lm");
    assertThat(e.at("/data/0/object").asText()).isEqualTo("embedding");
    assertThat(e.at("/data/0/embedding").toString()).isEqualTo("[2.0,3.0,0.5]");
    assertThat(e.at("/data/1/index").asInt()).isEqualTo(1);
    assertThat(e.at("/data/1/embedding").toString()).isEqualTo("[1.0,3.0,0.5]");
    assertThat(e.get("usage").toString()).isEqualTo("{\"prompt_tokens\":3,\"total_tokens\":3}");
    JsonNode b =
        json(post("/v1/embeddings", "{'model':'lm','input':'x','encoding_format':'base64'}"));
    assertThat(b.at("/data/0/embedding").asText())
        .isEqualTo("AACAPwAAgD8AAAA/"); // [1, 1, 0.5] as LE float32
  }

  @Test
  void modelListsOnBothPrefixes() throws Exception {
    JsonNode merged = json(get("/v1/models"));
    assertThat(merged.get("models").toString()).contains("\"plain\"", "\"lm\"");
    assertThat(merged.get("object").asText()).isEqualTo("list");
    List<String> ids = new ArrayList<>();
    merged.get("data").forEach(m -> ids.add(m.get("id").asText()));
    assertThat(ids).contains("lm", "slow-lm", "bare-lm").doesNotContain("plain");
    assertThat(merged.at("/data/0/object").asText()).isEqualTo("model");
    assertThat(merged.at("/data/0/owned_by").asText()).isEqualTo("kserve4j");
    assertThat(merged.at("/data/0/created").asLong()).isPositive();
    JsonNode openai = json(get("/openai/v1/models"));
    assertThat(openai.has("models")).isFalse();
    assertThat(openai.get("data")).isEqualTo(merged.get("data"));
  }

  @Test
  void errorsHaveOpenAisShapeAndStatus() throws Exception {
    HttpResponse<String> unknown = post("/openai/v1/completions", "{'model':'nope','prompt':'x'}");
    assertThat(unknown.statusCode()).isEqualTo(404);
    JsonNode e = json(unknown).get("error");
    assertThat(e.get("message").asText())
        .startsWith("The model 'nope' does not exist (expected one of [lm,");
    assertThat(e.get("type").asText()).isEqualTo("invalid_request_error");
    assertThat(e.get("param").asText()).isEqualTo("model");
    assertThat(e.get("code").asText()).isEqualTo("model_not_found");

    HttpResponse<String> plain =
        post(
            "/v1/chat/completions", "{'model':'plain','messages':[{'role':'user','content':'x'}]}");
    assertThat(plain.statusCode()).isEqualTo(400);
    assertThat(json(plain).at("/error/message").asText())
        .isEqualTo(
            "model 'plain' does not generate text"
                + " (expected a language model; serve this model through the V1 or V2 protocol)");
    assertThat(json(plain).at("/error/param").asText()).isEqualTo("model");

    HttpResponse<String> bad =
        post("/v1/completions", "{'model':'lm','prompt':'x','max_tokens':-2}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(json(bad).toString())
        .isEqualTo(
            "{\"error\":{\"message\":\"max_tokens: -2 (expected an integer >="
                + " 1)\",\"type\":\"invalid_request_error\",\"param\":\"max_tokens\",\"code\":null}}");

    HttpResponse<String> notJson = post("/v1/embeddings", "{'model':");
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(json(notJson).at("/error/message").asText())
        .startsWith("request body is not valid JSON");

    HttpResponse<String> noTemplate =
        post(
            "/v1/chat/completions",
            "{'model':'bare-lm','messages':[{'role':'user','content':'x'}]}");
    assertThat(noTemplate.statusCode()).isEqualTo(400);
    assertThat(json(noTemplate).at("/error/message").asText()).contains("has no chat template");
    HttpResponse<String> noEmbeddings = post("/v1/embeddings", "{'model':'bare-lm','input':'x'}");
    assertThat(noEmbeddings.statusCode()).isEqualTo(400);
    assertThat(json(noEmbeddings).at("/error/message").asText())
        .isEqualTo("model 'bare-lm' does not compute embeddings");

    HttpResponse<String> failed =
        post("/v1/completions", "{'model':'failing-lm','prompt':'a b c d'}");
    assertThat(failed.statusCode()).isEqualTo(500);
    assertThat(json(failed).at("/error/type").asText()).isEqualTo("server_error");
    assertThat(json(failed).at("/error/message").asText())
        .isEqualTo("model 'failing-lm' failed after 2 tokens");
  }

  @Test
  void streamThatFailsBeforeItsFirstTokenGetsAStatusAndAfterItAnErrorEvent() throws Exception {
    HttpResponse<String> early =
        post("/v1/completions", "{'model':'early-failing-lm','prompt':'a b','stream':true}");
    assertThat(early.statusCode()).isEqualTo(500);
    assertThat(json(early).at("/error/type").asText()).isEqualTo("server_error");

    HttpResponse<String> late =
        post(
            "/v1/chat/completions",
            "{'model':'failing-lm','messages':"
                + "[{'role':'user','content':'a b c d'}],'stream':true}");
    assertThat(late.statusCode()).isEqualTo(200);
    List<String> events = events(late.body());
    assertThat(events).hasSize(4); // role, two tokens, the error
    assertThat(JSON.readTree(events.getLast()).toString())
        .isEqualTo(
            "{\"error\":{\"message\":\"model 'failing-lm' failed after 2"
                + " tokens\",\"type\":\"server_error\",\"param\":null,\"code\":null}}");
  }

  @Test
  void metricsCoverGeneration() throws Exception {
    post("/v1/completions", "{'model':'lm','prompt':'m n o p','max_tokens':3}");
    String metrics = get("/metrics").body();
    for (String name :
        List.of(
            "kserve4j_generation_queue_wait_seconds_count",
            "kserve4j_generation_time_to_first_token_seconds_count",
            "kserve4j_generation_inter_token_latency_seconds_count",
            "kserve4j_generation_duration_seconds_count",
            "kserve4j_generation_tokens_per_second_count",
            "kserve4j_generation_prompt_tokens_total",
            "kserve4j_generation_completion_tokens_total",
            "kserve4j_generation_active_requests",
            "kserve4j_generation_waiting_requests")) {
      assertThat(metrics).contains(name + "{model_name=\"lm\"");
    }
    assertThat(metrics)
        .contains(
            "kserve4j_inference_requests_total{model_name=\"lm\",outcome=\"success\",protocol=\"openai\"");
  }
}
