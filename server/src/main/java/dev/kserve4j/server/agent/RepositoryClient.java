package dev.kserve4j.server.agent;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Calls a model server's repository extension, {@code POST /v2/repository/models/{name}/load} and
 * {@code .../unload}, as KServe's model agent calls its server.
 */
public final class RepositoryClient {
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final String host;
  private final int port;

  /**
   * A client of the server listening on {@code host:port}; a wildcard address is called on
   * loopback.
   */
  public RepositoryClient(String host, int port) {
    requireNonNull(host, "host");
    this.host =
        host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]") ? "127.0.0.1" : host;
    this.port = port;
  }

  /**
   * Loads (or reloads) {@code name}.
   *
   * @throws IllegalStateException naming the answer when the server does not answer 200
   */
  public void load(String name) {
    Answer answer = post(name, "load");
    if (answer.status() != 200) {
      throw new IllegalStateException(answer.description());
    }
  }

  /**
   * Unloads {@code name}.
   *
   * @return false when the server does not know the model (404)
   * @throws IllegalStateException naming the answer when the server answers anything else but 200
   */
  public boolean unload(String name) {
    Answer answer = post(name, "unload");
    if (answer.status() == 404) {
      return false;
    }
    if (answer.status() != 200) {
      throw new IllegalStateException(answer.description());
    }
    return true;
  }

  private record Answer(int status, String description) {}

  private Answer post(String name, String action) {
    URI uri;
    try {
      uri =
          new URI(
              "http", null, host, port, "/v2/repository/models/" + name + "/" + action, null, null);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "model name '" + name + "' cannot be part of a URL: " + e.getMessage(), e);
    }
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{}"))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(
          response.statusCode(),
          "POST " + uri + " answered " + response.statusCode() + ": " + response.body());
    } catch (IOException e) {
      throw new UncheckedIOException("POST " + uri + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("POST " + uri + " was interrupted", e);
    }
  }
}
