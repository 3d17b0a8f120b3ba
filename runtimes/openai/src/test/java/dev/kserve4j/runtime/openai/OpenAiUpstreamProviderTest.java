package dev.kserve4j.runtime.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.kserve4j.common.ErrorKind;
import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.runtime.Model;
import dev.kserve4j.runtime.ModelLoadException;
import dev.kserve4j.runtime.ModelSpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading upstream models against a real local HTTP server answering {@code GET /v1/models}. */
class OpenAiUpstreamProviderTest {
  private final OpenAiUpstreamProvider provider = new OpenAiUpstreamProvider();
  @TempDir Path dir;
  private HttpServer upstream;
  private String url;

  @BeforeEach
  void start() throws IOException {
    upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    upstream.createContext(
        "/v1/models",
        exchange -> {
          boolean authorized =
              "Bearer secret".equals(exchange.getRequestHeaders().getFirst("Authorization"));
          byte[] body =
              (authorized
                      ? "{\"object\":\"list\",\"data\":[{\"id\":\"tiny\",\"object\":\"model\"}]}"
                      : "{\"error\":{\"message\":\"bad key\"}}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(authorized ? 200 : 401, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    upstream.start();
    url = "http://127.0.0.1:" + upstream.getAddress().getPort() + "/v1";
  }

  @AfterEach
  void stop() {
    upstream.stop(0);
  }

  private Model load(String json, Map<String, String> options) throws IOException {
    if (json != null) {
      Files.writeString(dir.resolve("upstream.json"), json);
    }
    return provider.load(new ModelSpec("chat", null, dir, options));
  }

  @Test
  void upstreamJsonMarksTheDirectoryAndNamesTheEngine() throws IOException {
    assertThat(provider.canLoad(dir)).isFalse();
    try (Model model =
        load(
            "{\"url\": \""
                + url
                + "/\", \"model\": \"tiny\", \"apiKey\": \"secret\","
                + " \"timeoutSeconds\": 5}",
            Map.of())) {
      assertThat(provider.canLoad(dir)).isTrue();
      assertThat(model.openAiUpstream())
          .hasValueSatisfying(
              u -> {
                assertThat(u.baseUrl().toString()).isEqualTo(url);
                assertThat(u.model()).isEqualTo("tiny");
                assertThat(u.timeout()).isEqualTo(Duration.ofSeconds(5));
                assertThat(u.apiKey()).isEqualTo("secret");
              });
      assertThat(model.metadata().platform()).isEqualTo("openai");
      assertThatThrownBy(() -> model.predict(InferRequest.of("chat")))
          .isInstanceOfSatisfying(
              KServeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNIMPLEMENTED))
          .hasMessageContaining("is served by the OpenAI-compatible engine at " + url);
    }
  }

  @Test
  void optionsOverrideTheFile() throws IOException {
    try (Model model =
        load(
            "{\"url\": \"http://elsewhere:1/v1\", \"model\": \"x\"}",
            Map.of("url", url, "model", "tiny", "apiKey", "secret"))) {
      assertThat(model.openAiUpstream().orElseThrow().model()).isEqualTo("tiny");
    }
  }

  @Test
  void everyBadSettingIsNamed() {
    assertThatThrownBy(() -> load("{}", Map.of()))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("no upstream url");
    assertThatThrownBy(() -> load("[1]", Map.of()))
        .hasMessageContaining("upstream.json is not a JSON object");
    assertThatThrownBy(() -> load("{\"url\": \"ftp://host/v1\"}", Map.of()))
        .hasMessageContaining(
            "url 'ftp://host/v1' (expected an http:// or https:// URL with a host");
    assertThatThrownBy(() -> load("{\"url\": \"" + url + "\", \"timeoutSeconds\": 0}", Map.of()))
        .hasMessageContaining("timeoutSeconds=0 (expected a positive number of seconds)");
  }

  @Test
  void theProbeFailsTheLoadWithTheUpstreamsAnswer() {
    assertThatThrownBy(() -> load("{\"url\": \"" + url + "\", \"model\": \"tiny\"}", Map.of()))
        .hasMessageContaining("answered 401")
        .hasMessageContaining("bad key");
    assertThatThrownBy(
            () ->
                load(
                    "{\"url\": \"" + url + "\", \"model\": \"big\", \"apiKey\": \"secret\"}",
                    Map.of()))
        .hasMessageContaining("does not serve model 'big' (it serves [tiny]");
    upstream.stop(0);
    assertThatThrownBy(() -> load("{\"url\": \"" + url + "\", \"model\": \"tiny\"}", Map.of()))
        .hasMessageContaining("did not answer")
        .hasMessageContaining("set probe=false");
  }

  @Test
  void withoutTheProbeAnUnreachableUpstreamStillLoads() throws IOException {
    upstream.stop(0);
    try (Model model = load("{\"url\": \"" + url + "\", \"probe\": false}", Map.of())) {
      assertThat(model.openAiUpstream().orElseThrow().model()).isEqualTo("chat");
    }
  }
}
