package dev.kserve4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kserve4j.api.ResourceCodec;
import dev.kserve4j.api.v1beta1.InferenceService;
import dev.kserve4j.api.validation.WarningHeader;
import dev.kserve4j.local.AdminServer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Talks to the admin API of a running {@code kserve4j up} ({@link AdminServer}). Failures become
 * exceptions whose message is what the user reads after {@code kserve4j: }.
 */
final class AdminClient {
  static final String DEFAULT_SERVER = "http://127.0.0.1:8090";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String server;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final ResourceCodec codec = new ResourceCodec();

  private AdminClient(String server) {
    this.server = server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
  }

  /** The server named by {@code --server}, else by {@code KSERVE4J_SERVER}, else the default. */
  static AdminClient resolve(String flag, Map<String, String> env) {
    String fromEnv = env.get("KSERVE4J_SERVER");
    return new AdminClient(
        flag != null ? flag : fromEnv != null && !fromEnv.isBlank() ? fromEnv : DEFAULT_SERVER);
  }

  /**
   * What an apply answered: the resources as applied (the InferenceServices with their status) and
   * the admission warnings the server sent with them, each once, in order.
   */
  record Applied(List<HasMetadata> resources, List<String> warnings) {
    Applied {
      resources = List.copyOf(resources);
      warnings = List.copyOf(warnings);
    }
  }

  /** Applies every resource in {@code text} (YAML or JSON). */
  Applied apply(String text) {
    HttpResponse<String> response =
        exchange(
            HttpRequest.newBuilder(uri(AdminServer.PATH, "", null))
                .header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString(text)));
    return new Applied(
        codec.readAll(response.body(), server),
        WarningHeader.parse(response.headers().allValues(WarningHeader.NAME)));
  }

  /**
   * Applies every resource of {@code file}'s {@code text}; a resource the server's admission
   * refuses fails as {@code kubectl apply} reports it: {@code Error from server (Forbidden): error
   * when applying "FILE": admission webhook ...}.
   */
  Applied apply(String text, String file) {
    try {
      return apply(text);
    } catch (RefusedException e) {
      throw new IllegalStateException(
          "Error from server ("
              + e.reason
              + "): error when applying \""
              + file
              + "\": "
              + e.getMessage(),
          e);
    }
  }

  /**
   * One InferenceService (as JSON, or as YAML when {@code yaml}), or every one in the namespace.
   */
  String get(String namespace, String name, boolean yaml) {
    return get(AdminServer.PATH, namespace, name, yaml);
  }

  /** The same for the collection at {@code path} (e.g. {@link AdminServer#GRAPH_PATH}). */
  String get(String path, String namespace, String name, boolean yaml) {
    return send(
        HttpRequest.newBuilder(uri(path, name == null ? "" : "/" + name, namespace))
            .header("Accept", yaml ? "application/yaml" : "application/json")
            .GET());
  }

  List<InferenceService> items(String body) {
    return resources(body).stream().map(InferenceService.class::cast).toList();
  }

  /** Every resource of a list the admin API answered. */
  List<HasMetadata> resources(String body) {
    return codec.readAll(body, server);
  }

  /** Deletes {@code name} from the collection at {@code path}. */
  void delete(String path, String namespace, String name) {
    send(HttpRequest.newBuilder(uri(path, "/" + name, namespace)).DELETE());
  }

  private URI uri(String path, String suffix, String namespace) {
    return URI.create(
        server
            + path
            + suffix
            + (namespace == null
                ? ""
                : "?namespace=" + URLEncoder.encode(namespace, StandardCharsets.UTF_8)));
  }

  private String send(HttpRequest.Builder request) {
    return exchange(request).body();
  }

  /** The server's answer to {@code request}, when it is a success; else the error, as thrown. */
  private HttpResponse<String> exchange(HttpRequest.Builder request) {
    HttpResponse<String> response;
    try {
      // Applying loads models, which may take minutes for a large one.
      response =
          http.send(
              request.timeout(Duration.ofMinutes(30)).build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      throw new IllegalStateException(notRunning(), e);
    } catch (IOException e) {
      throw new IllegalStateException(notRunning() + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + server, e);
    }
    if (response.statusCode() / 100 != 2) {
      refusal(response)
          .ifPresent(
              refused -> {
                throw refused;
              });
      throw new IllegalStateException(errorMessage(response));
    }
    return response;
  }

  private String notRunning() {
    return "no kserve4j server at "
        + server
        + " (start one with 'kserve4j up -f ...' or pass --server)";
  }

  /** A Kubernetes {@code Status} answer (an admission denial), with its reason and message. */
  private static Optional<RefusedException> refusal(HttpResponse<String> response) {
    try {
      JsonNode status = JSON.readTree(response.body());
      if ("Status".equals(status.path("kind").asText()) && status.hasNonNull("message")) {
        return Optional.of(
            new RefusedException(
                status.path("reason").asText("Unknown"), status.get("message").asText()));
      }
    } catch (IOException notJson) {
      // Not a Status: errorMessage reports it.
    }
    return Optional.empty();
  }

  /** The server refused a request as the Kubernetes API server does, with a {@code v1 Status}. */
  static final class RefusedException extends IllegalStateException {
    final String reason;

    RefusedException(String reason, String message) {
      super(message);
      this.reason = reason;
    }
  }

  private String errorMessage(HttpResponse<String> response) {
    try {
      String error = JSON.readTree(response.body()).path("error").asText("");
      if (!error.isEmpty()) {
        return error;
      }
    } catch (IOException notJson) {
      // Not the admin API's error body: report the status and the body as they are.
    }
    return server + " answered " + response.statusCode() + ": " + response.body();
  }
}
