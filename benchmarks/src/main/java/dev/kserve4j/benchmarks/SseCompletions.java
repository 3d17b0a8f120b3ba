package dev.kserve4j.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.stream.Stream;

/**
 * Greedy streamed completions through the server's OpenAI API ({@code POST /openai/v1/completions}
 * with {@code "stream": true}), the server-sent events read line by line as they arrive.
 *
 * <p>Time to first token runs from sending the request to the first {@code data:} event whose
 * choice has text. The token count is the {@code completion_tokens} of the usage chunk ({@code
 * stream_options.include_usage}), which the server takes from llama.cpp as the direct path counts.
 * HTTP/1.1, so that concurrent streams use one connection each, as OpenAI's clients do.
 */
final class SseCompletions {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final URI uri;
  private final String model;

  SseCompletions(String baseUrl, String model) {
    this.uri = URI.create(baseUrl + "/openai/v1/completions");
    this.model = model;
  }

  CompletionTiming complete(String prompt, int maxTokens) throws IOException, InterruptedException {
    ObjectNode body =
        JSON.createObjectNode()
            .put("model", model)
            .put("prompt", prompt)
            .put("max_tokens", maxTokens)
            .put("temperature", 0)
            .put("stream", true);
    body.putObject("stream_options").put("include_usage", true);
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
            .build();
    long t0 = System.nanoTime();
    HttpResponse<Stream<String>> response =
        client.send(request, HttpResponse.BodyHandlers.ofLines());
    if (response.statusCode() != 200) {
      String text = String.join("\n", response.body().toList());
      throw new IOException(uri + ": status " + response.statusCode() + " (expected 200): " + text);
    }
    long first = -1;
    int tokens = -1;
    try (Stream<String> lines = response.body()) {
      for (Iterator<String> it = lines.iterator(); it.hasNext(); ) {
        String line = it.next();
        if (!line.startsWith("data: ") || line.equals("data: [DONE]")) {
          continue;
        }
        JsonNode event = JSON.readTree(line.substring(6));
        if (event.has("error")) {
          throw new IOException(uri + ": the stream ended with an error event: " + line);
        }
        JsonNode choices = event.path("choices");
        if (first < 0 && choices.size() > 0 && !choices.get(0).path("text").asText("").isEmpty()) {
          first = System.nanoTime() - t0;
        }
        if (event.path("usage").isObject()) {
          tokens = event.path("usage").path("completion_tokens").asInt();
        }
      }
    }
    if (tokens < 0) {
      throw new IOException(uri + ": the stream had no usage chunk (expected one: include_usage)");
    }
    return new CompletionTiming(first, System.nanoTime() - t0, tokens);
  }
}
