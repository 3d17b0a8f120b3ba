package dev.kserve4j.server.openai;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.client.UnprocessedRequestException;
import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.common.RequestHeadersBuilder;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.common.SplitHttpResponse;
import dev.kserve4j.runtime.generate.OpenAiUpstream;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Forwards an OpenAI API request to the engine a model is served by ({@link OpenAiUpstream}) and
 * passes its answer back as it arrives: headers once the upstream sends them, then each chunk of
 * the body (a stream of Server-Sent Events included) without buffering.
 *
 * <p>The body goes upstream unchanged except for {@code model}, set to the upstream's name.
 * Failures come back in OpenAI's error shape: an unreachable upstream is 502 ({@code
 * upstream_unreachable}), no response headers within the upstream's timeout is 504 ({@code
 * upstream_timeout}), and an upstream error answer is passed through with its status when it is an
 * OpenAI error object, else wrapped in a 502 ({@code upstream_error}) that quotes it. The timeout
 * bounds the wait for the response to start; a stream that has started is not cut.
 */
public final class UpstreamForwarder {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int QUOTE_LIMIT = 300;

  private final WebClient client;

  public UpstreamForwarder() {
    this(WebClient.builder().responseTimeout(Duration.ZERO).build());
  }

  UpstreamForwarder(WebClient client) {
    this.client = requireNonNull(client, "client");
  }

  /**
   * Sends {@code body} to {@code upstream}'s {@code path} (e.g. {@code /chat/completions}) for the
   * model served as {@code modelName}.
   */
  public HttpResponse forward(
      String modelName, OpenAiUpstream upstream, String path, ObjectNode body) {
    ObjectNode sent = body.deepCopy();
    sent.put("model", upstream.model());
    String url = upstream.baseUrl() + path;
    RequestHeadersBuilder headers =
        RequestHeaders.builder(HttpMethod.POST, url).contentType(MediaType.JSON_UTF_8);
    if (upstream.apiKey() != null) {
      headers.add(HttpHeaderNames.AUTHORIZATION, "Bearer " + upstream.apiKey());
    }
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(sent);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("re-encoding a parsed JSON body failed", e);
    }
    SplitHttpResponse split =
        client.execute(HttpRequest.of(headers.build(), HttpData.wrap(bytes))).split();
    // Armeria's header future cannot be completed from outside: time out a copy of it.
    CompletableFuture<ResponseHeaders> head = new CompletableFuture<>();
    split
        .headers()
        .whenComplete(
            (h, e) -> {
              if (e != null) {
                head.completeExceptionally(e);
              } else {
                head.complete(h);
              }
            });
    CompletableFuture<HttpResponse> answer =
        head.orTimeout(upstream.timeout().toMillis(), TimeUnit.MILLISECONDS)
            .thenCompose(
                h ->
                    h.status().isError()
                        ? errorFromUpstream(modelName, url, h, split)
                        : CompletableFuture.completedFuture(HttpResponse.of(h, split.body())))
            .exceptionally(e -> failure(modelName, url, upstream, unwrap(e), split));
    return HttpResponse.of(answer);
  }

  private static CompletableFuture<HttpResponse> errorFromUpstream(
      String modelName, String url, ResponseHeaders head, SplitHttpResponse split) {
    return HttpResponse.of(head, split.body())
        .aggregate()
        .thenApply(
            full -> {
              String text = full.contentUtf8();
              try {
                if (JSON.readTree(text).path("error").isObject()) {
                  return HttpResponse.of(full.status(), MediaType.JSON_UTF_8, text);
                }
              } catch (java.io.IOException notJson) {
                // quoted below
              }
              return error(
                  HttpStatus.BAD_GATEWAY,
                  "upstream_error",
                  "model '"
                      + modelName
                      + "': upstream "
                      + url
                      + " answered "
                      + full.status().code()
                      + ": "
                      + quote(text));
            });
  }

  private static HttpResponse failure(
      String modelName,
      String url,
      OpenAiUpstream upstream,
      Throwable cause,
      SplitHttpResponse split) {
    split.body().abort();
    if (cause instanceof TimeoutException) {
      return error(
          HttpStatus.GATEWAY_TIMEOUT,
          "upstream_timeout",
          "model '"
              + modelName
              + "': upstream "
              + url
              + " did not start answering within "
              + upstream.timeout().toSeconds()
              + " s (timeoutSeconds)");
    }
    Throwable root =
        cause instanceof UnprocessedRequestException u && u.getCause() != null
            ? u.getCause()
            : cause;
    String reason =
        root instanceof ConnectException || cause instanceof UnprocessedRequestException
            ? "is unreachable"
            : "failed";
    return error(
        HttpStatus.BAD_GATEWAY,
        "upstream_unreachable",
        "model '"
            + modelName
            + "': upstream "
            + url
            + " "
            + reason
            + " ("
            + root.getMessage()
            + ")");
  }

  static HttpResponse error(HttpStatus status, String code, String message) {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode error = body.putObject("error");
    error.put("message", message);
    error.put("type", "upstream_error");
    error.putNull("param");
    error.put("code", code);
    return HttpResponse.of(status, MediaType.JSON_UTF_8, body.toString());
  }

  private static Throwable unwrap(Throwable e) {
    return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
  }

  private static String quote(String text) {
    String oneLine = text.replaceAll("\\s+", " ").trim();
    return oneLine.length() <= QUOTE_LIMIT ? oneLine : oneLine.substring(0, QUOTE_LIMIT) + "...";
  }
}
