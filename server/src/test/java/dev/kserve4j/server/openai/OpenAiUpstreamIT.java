package dev.kserve4j.server.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.Server;
import dev.kserve4j.runtime.ModelRuntimes;
import dev.kserve4j.server.KServeServer;
import dev.kserve4j.server.config.ModelConfig;
import dev.kserve4j.server.config.ServerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model of format {@code openai} served by a real local OpenAI-compatible upstream: the server's
 * OpenAI routes forward to it, list it, and keep V2 for the models that take it.
 */
class OpenAiUpstreamIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;
  private static Server upstream;
  private static KServeServer server;
  private static WebClient http;
  private static final List<JsonNode> received = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws IOException {
    upstream =
        Server.builder()
            .http(0)
            .service(
                "/v1/models",
                (ctx, req) ->
                    HttpResponse.of(
                        HttpStatus.OK,
                        MediaType.JSON_UTF_8,
                        "{\"object\":\"list\",\"data\":[{\"id\":\"Qwen/Qwen2.5-0.5B\",\"object\":\"model\"}]}"))
            .service(
                "/v1/chat/completions",
                (ctx, req) ->
                    HttpResponse.of(
                        req.aggregate()
                            .thenApply(
                                agg -> {
                                  JsonNode body = read(agg.contentUtf8());
                                  received.add(body);
                                  return HttpResponse.of(
                                      HttpStatus.OK,
                                      MediaType.parse("text/event-stream"),
                                      "data: {\"object\":\"chat.completion.chunk\",\"model\":\""
                                          + body.path("model").asText()
                                          + "\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}}]}\n\n"
                                          + "data: [DONE]\n\n");
                                })))
            .build();
    upstream.start().join();
    Path model = Files.createDirectories(dir.resolve("qwen"));
    Files.writeString(
        model.resolve("upstream.json"),
        "{\"url\": \"http://127.0.0.1:"
            + upstream.activeLocalPort()
            + "/v1\", \"model\": \"Qwen/Qwen2.5-0.5B\"}");
    server =
        KServeServer.start(
            ServerConfig.defaults(List.of(ModelConfig.of("qwen", model))).onEphemeralPorts(),
            ModelRuntimes.discover(OpenAiUpstreamIT.class.getClassLoader()));
    http = WebClient.of("http://127.0.0.1:" + server.httpPort());
  }

  @AfterAll
  static void stop() {
    server.close();
    upstream.stop().join();
  }

  private static JsonNode read(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new IllegalStateException(text, e);
    }
  }

  @Test
  void chatIsForwardedWithTheUpstreamsModelNameAndStreamedBack() {
    AggregatedHttpResponse r =
        http.prepare()
            .post("/openai/v1/chat/completions")
            .content(
                MediaType.JSON_UTF_8,
                "{\"model\": \"qwen\", \"stream\": true, \"temperature\": 0.2,"
                    + " \"messages\": [{\"role\": \"user\", \"content\": \"hello\"}]}")
            .execute()
            .aggregate()
            .join();

    assertThat(r.status().code()).isEqualTo(200);
    assertThat(r.contentType().toString()).startsWith("text/event-stream");
    assertThat(r.contentUtf8()).contains("\"content\":\"hi\"", "data: [DONE]");
    JsonNode sent = received.get(received.size() - 1);
    assertThat(sent.path("model").asText()).isEqualTo("Qwen/Qwen2.5-0.5B");
    assertThat(sent.path("temperature").asDouble()).isEqualTo(0.2);
    assertThat(sent.at("/messages/0/content").asText()).isEqualTo("hello");
  }

  @Test
  void theUpstreamModelIsListedAndV2PointsToTheOpenAiApi() {
    JsonNode models = read(http.get("/openai/v1/models").aggregate().join().contentUtf8());
    assertThat(models.at("/data/0/id").asText()).isEqualTo("qwen");
    assertThat(server.dataPlane().repositoryIndex(true))
        .extracting(e -> e.name())
        .containsExactly("qwen");

    AggregatedHttpResponse v2 =
        http.prepare()
            .post("/v2/models/qwen/infer")
            .content(
                MediaType.JSON_UTF_8,
                "{\"inputs\": [{\"name\": \"text\", \"shape\": [1], \"datatype\": \"BYTES\","
                    + " \"data\": [\"hi\"]}]}")
            .execute()
            .aggregate()
            .join();
    assertThat(v2.status().code()).isEqualTo(501);
    assertThat(read(v2.contentUtf8()).path("error").asText())
        .contains("is served by the OpenAI-compatible engine at http://127.0.0.1:");
  }
}
