package dev.kserve4j.runtime.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kserve4j.runtime.ModelLoadException;
import dev.kserve4j.runtime.generate.OpenAiUpstream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks at load time that the upstream answers {@code GET {url}/models} and serves the model, so a
 * wrong URL or model name fails the load with the reason instead of every later request.
 */
final class UpstreamProbe {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final OpenAiUpstream upstream;

  UpstreamProbe(UpstreamConfig config) {
    this.upstream = config.upstream();
  }

  void check(String modelName) {
    URI models = URI.create(upstream.baseUrl() + "/models");
    HttpRequest.Builder request = HttpRequest.newBuilder(models).timeout(upstream.timeout()).GET();
    if (upstream.apiKey() != null) {
      request.header("Authorization", "Bearer " + upstream.apiKey());
    }
    HttpResponse<String> response;
    try (HttpClient client = HttpClient.newBuilder().connectTimeout(upstream.timeout()).build()) {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new ModelLoadException(
          "model '"
              + modelName
              + "': upstream "
              + models
              + " did not answer ("
              + e
              + "); expected an OpenAI-compatible server there (set probe=false"
              + " to load without checking)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ModelLoadException(
          "model '" + modelName + "': interrupted while probing " + models);
    }
    if (response.statusCode() != 200) {
      throw new ModelLoadException(
          "model '"
              + modelName
              + "': upstream "
              + models
              + " answered "
              + response.statusCode()
              + " (expected 200 with the model list): "
              + abbreviate(response.body()));
    }
    List<String> ids = new ArrayList<>();
    try {
      for (JsonNode entry : JSON.readTree(response.body()).path("data")) {
        ids.add(entry.path("id").asText());
      }
    } catch (IOException e) {
      throw new ModelLoadException(
          "model '"
              + modelName
              + "': upstream "
              + models
              + " answered no JSON model list: "
              + abbreviate(response.body()));
    }
    if (!ids.contains(upstream.model())) {
      throw new ModelLoadException(
          "model '"
              + modelName
              + "': upstream "
              + upstream.baseUrl()
              + " does not serve model '"
              + upstream.model()
              + "' (it serves "
              + ids
              + "; set \"model\""
              + " in "
              + OpenAiUpstreamProvider.FILE
              + " or the option model)");
    }
  }

  private static String abbreviate(String body) {
    return body.length() <= 200 ? body : body.substring(0, 200) + "...";
  }
}
