package dev.kserve4j.storage.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.kserve4j.storage.ProgressListener;
import dev.kserve4j.storage.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Plain HTTP GETs for the stores reached over HTTP (web servers, Hugging Face, GCS): a file into
 * the model directory with progress, or a small JSON document. Redirects are followed (Hugging Face
 * serves large files from a CDN), except from https to http.
 */
public final class HttpFetcher implements AutoCloseable {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);

  /** Time allowed until response headers arrive; the body may take as long as it needs. */
  private static final Duration HEADERS_TIMEOUT = Duration.ofSeconds(60);

  private final HttpClient client;
  private final JsonMapper json = new JsonMapper();

  public HttpFetcher() {
    this.client =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(CONNECT_TIMEOUT)
            .build();
  }

  /**
   * Downloads {@code url} into {@code file}.
   *
   * @param uri the storage URI, for error messages
   * @param name the file's name relative to the model directory, for progress
   * @throws IOException when the connection breaks or the body is cut short
   */
  public void download(
      String uri,
      URI url,
      Map<String, String> headers,
      Path file,
      String name,
      ProgressListener progress)
      throws IOException {
    HttpResponse<InputStream> response = send(uri, url, headers);
    try (InputStream body = response.body()) {
      long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
      Transfer.toFile(body, file, name, length, progress);
    }
  }

  /** GETs {@code url} and parses the body as JSON. */
  public JsonNode json(String uri, URI url, Map<String, String> headers) throws IOException {
    HttpResponse<InputStream> response = send(uri, url, headers);
    try (InputStream body = response.body()) {
      return json.readTree(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw StorageException.invalid(
          "storage uri '"
              + uri
              + "': GET "
              + url
              + " returned a body that is not JSON: "
              + e.getOriginalMessage());
    }
  }

  private HttpResponse<InputStream> send(String uri, URI url, Map<String, String> headers)
      throws IOException {
    HttpRequest.Builder request = HttpRequest.newBuilder(url).GET().timeout(HEADERS_TIMEOUT);
    headers.forEach(request::header);
    HttpResponse<InputStream> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while requesting " + url, e);
    }
    int status = response.statusCode();
    if (status / 100 == 2) {
      return response;
    }
    String detail = errorBody(response);
    String message = "storage uri '" + uri + "': GET " + url + " returned HTTP " + status + detail;
    throw switch (status) {
      case 404 -> StorageException.notFound(message + " (expected an existing file)");
      case 401, 403 ->
          StorageException.invalid(
              message + " (access denied: check the credentials or token for this host)");
      default -> StorageException.unavailable(message, null);
    };
  }

  private static String errorBody(HttpResponse<InputStream> response) {
    try (InputStream body = response.body()) {
      String text = new String(body.readNBytes(300), StandardCharsets.UTF_8).strip();
      return text.isEmpty() ? "" : ": " + text;
    } catch (IOException e) {
      return "";
    }
  }

  /** Percent-encodes one path segment or query value ({@code /} included, space as %20). */
  public static String encode(String value) {
    return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** {@code base} (without a trailing slash) followed by {@code pathAndQuery}. */
  public static URI join(URI base, String pathAndQuery) {
    return URI.create(base.toString().replaceAll("/+$", "") + pathAndQuery);
  }

  @Override
  public void close() {
    client.close();
  }
}
