package dev.kserve4j.server.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.ModelParameters;
import dev.kserve4j.runtime.ModelRuntimes;
import dev.kserve4j.runtime.llm.TinyGguf;
import dev.kserve4j.server.KServeServer;
import dev.kserve4j.server.config.ModelConfig;
import dev.kserve4j.server.config.ServerConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Greedy generation of the tiny GGUF model through the OpenAI API over HTTP, streamed and not,
 * equals, token for token, the same generation called directly through the llama.cpp bindings.
 *
 * <p>llama.cpp reuses a slot's cached prompt prefix, which evaluates the prompt in other batches
 * and can change the tiny model's near-tied logits; so both sides turn the prompt cache off (option
 * {@code cachePrompt=false}), use one slot, and see the same sequence of prompts: every HTTP call
 * is mirrored by one direct call with the same prompt, in the same order.
 */
class LlamaOpenAiIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int CONTEXT = 512;
  private static final int PARALLEL = 1;
  private static final int THREADS = 2;
  private static final int TOKENS = 32;

  @TempDir static Path dir;
  private static KServeServer server;
  private static LlamaModel bindings;
  private static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    Path file = TinyGguf.write(dir);
    server =
        KServeServer.start(
            ServerConfig.defaults(
                    List.of(
                        new ModelConfig(
                            "tiny",
                            null,
                            dir,
                            "gguf",
                            Map.of(
                                "contextSize",
                                "" + CONTEXT,
                                "parallel",
                                "" + PARALLEL,
                                "threads",
                                "" + THREADS,
                                "cachePrompt",
                                "false"),
                            null)))
                .onEphemeralPorts(),
            ModelRuntimes.discover(LlamaOpenAiIT.class.getClassLoader()));
    bindings =
        new LlamaModel(
            new ModelParameters()
                .setModel(file.toString())
                .setCtxSize(CONTEXT * PARALLEL)
                .setParallel(PARALLEL)
                .setThreads(THREADS)
                .enableContBatching()
                .setThreadsBatch(THREADS)
                .disableLog());
    // The first completion after a load runs without the prompt cache: warm both sides up alike.
    direct("warm up", 4);
    post(
        "/openai/v1/completions",
        "{\"model\":\"tiny\",\"prompt\":\"warm up\",\"max_tokens\":4,\"temperature\":0}");
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (bindings != null) {
      bindings.close();
    }
  }

  private static List<String> direct(String prompt, int n) {
    List<String> texts = new ArrayList<>();
    for (LlamaOutput output :
        bindings.generate(
            new InferenceParameters(prompt)
                .setTemperature(0)
                .setNPredict(n)
                .setCachePrompt(false))) {
      texts.add(output.text);
    }
    texts.removeIf(String::isEmpty);
    return texts;
  }

  private static JsonNode post(String path, String body) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  /** The text of each streamed chunk's first choice, in order, read line by line as they arrive. */
  private static List<String> stream(String path, String body, String field) throws Exception {
    HttpResponse<java.io.InputStream> r =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertThat(r.statusCode()).isEqualTo(200);
    List<String> pieces = new ArrayList<>();
    boolean done = false;
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.equals("data: [DONE]")) {
          done = true;
        } else if (line.startsWith("data: ")) {
          JsonNode chunk = JSON.readTree(line.substring(6));
          JsonNode text = chunk.at("/choices/0" + field);
          if (text.isTextual() && !text.asText().isEmpty()) {
            pieces.add(text.asText());
          }
        }
      }
    }
    assertThat(done).as("the stream ends with data: [DONE]").isTrue();
    return pieces;
  }

  @Test
  void completionsOverHttpEqualTheBindingsTokenForToken() throws Exception {
    for (String prompt : List.of("hello world", "the model is")) {
      String request =
          "{\"model\":\"tiny\",\"prompt\":"
              + JSON.writeValueAsString(prompt)
              + ",\"max_tokens\":"
              + TOKENS
              + ",\"temperature\":0";

      JsonNode whole = post("/openai/v1/completions", request + "}");
      List<String> expectedWhole = direct(prompt, TOKENS);
      List<String> streamed =
          stream("/openai/v1/completions", request + ",\"stream\":true}", "/text");
      List<String> expected = direct(prompt, TOKENS);
      assertThat(expected).isNotEmpty();

      assertThat(whole.at("/choices/0/text").asText())
          .as(prompt)
          .isEqualTo(String.join("", expectedWhole));
      assertThat(whole.at("/choices/0/finish_reason").asText()).isEqualTo("length");
      assertThat(whole.at("/usage/completion_tokens").asInt()).isEqualTo(TOKENS);
      assertThat(streamed).as("one chunk per token, %s", prompt).isEqualTo(expected);
    }
  }

  @Test
  void chatRendersTheModelsTemplateAndStreamsWhatItAnswersWhole() throws Exception {
    String request =
        "{\"model\":\"tiny\",\"messages\":[{\"role\":\"system\",\"content\":\"be brief\"},"
            + "{\"role\":\"user\",\"content\":\"hello\"}],\"max_tokens\":"
            + TOKENS
            + ",\"temperature\":0";

    // The prompt is the ChatML rendering of both messages, as the direct calls render it.
    String prompt =
        "<|im_start|>system\nbe brief<|im_end|>\n<|im_start|>user\nhello<|im_end|>\n"
            + "<|im_start|>assistant\n";
    JsonNode whole = post("/openai/v1/chat/completions", request + "}");
    List<String> expectedWhole = direct(prompt, TOKENS);
    List<String> streamed =
        stream("/v1/chat/completions", request + ",\"stream\":true}", "/delta/content");
    List<String> expectedStreamed = direct(prompt, TOKENS);

    assertThat(whole.get("object").asText()).isEqualTo("chat.completion");
    assertThat(whole.at("/choices/0/message/role").asText()).isEqualTo("assistant");
    assertThat(whole.at("/choices/0/message/content").asText())
        .isEqualTo(String.join("", expectedWhole));
    assertThat(streamed).isEqualTo(expectedStreamed);
  }
}
