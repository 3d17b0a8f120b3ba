package dev.kserve4j.server.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.MediaType;
import dev.kserve4j.runtime.ModelRuntimes;
import dev.kserve4j.server.KServeServer;
import dev.kserve4j.server.config.ModelConfig;
import dev.kserve4j.server.config.ServerConfig;
import dev.kserve4j.server.routing.ServiceDirectory;
import dev.kserve4j.server.routing.ServiceRoute;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OpenAI routes reached through an InferenceService's path, /serving/{namespace}/{name}/. */
class OpenAiServingRoutesIT {
  @TempDir static Path dir;
  private static KServeServer server;
  private static WebClient http;

  private static final ServiceDirectory DIRECTORY =
      new ServiceDirectory() {
        final ServiceRoute chat = new ServiceRoute("default", "chat", Set.of("lm"));

        @Override
        public Optional<ServiceRoute> byHost(String host) {
          return host.equals("chat.default.example.com") ? Optional.of(chat) : Optional.empty();
        }

        @Override
        public Optional<ServiceRoute> byPath(String namespace, String name) {
          return namespace.equals("default") && name.equals("chat")
              ? Optional.of(chat)
              : Optional.empty();
        }

        @Override
        public boolean manages(String host) {
          return host.endsWith(".example.com");
        }
      };

  @BeforeAll
  static void start() throws IOException {
    Files.writeString(dir.resolve(FakeLanguageModelProvider.MARKER), "");
    server =
        KServeServer.start(
            ServerConfig.defaults(
                    List.of(
                        new ModelConfig(
                            "lm", null, dir, FakeLanguageModelProvider.FORMAT, Map.of(), null)))
                .onEphemeralPorts(),
            ModelRuntimes.discover(OpenAiServingRoutesIT.class.getClassLoader()),
            DIRECTORY);
    http = WebClient.of("http://127.0.0.1:" + server.httpPort());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static AggregatedHttpResponse post(String path) {
    return http.prepare()
        .post(path)
        .content(
            MediaType.JSON_UTF_8,
            "{\"model\": \"lm\", \"prompt\": \"one two three\", \"max_tokens\": 2}")
        .execute()
        .aggregate()
        .join();
  }

  @Test
  void completionsAreReachedThroughTheServicesPath() {
    AggregatedHttpResponse r = post("/serving/default/chat/openai/v1/completions");
    assertThat(r.status().code()).as(r.contentUtf8()).isEqualTo(200);
    assertThat(r.contentUtf8()).contains("\"object\":\"text_completion\"");
    assertThat(http.get("/serving/default/chat/openai/v1/models").aggregate().join().contentUtf8())
        .contains("\"id\":\"lm\"");
  }

  @Test
  void anUnknownServiceOnThePathIsNotFound() {
    AggregatedHttpResponse r = post("/serving/default/nope/openai/v1/completions");
    assertThat(r.status().code()).isEqualTo(404);
    assertThat(r.contentUtf8()).contains("no ready InferenceService 'nope' in namespace 'default'");
  }
}
