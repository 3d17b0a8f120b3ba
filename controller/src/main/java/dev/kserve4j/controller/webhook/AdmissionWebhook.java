package dev.kserve4j.controller.webhook;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of the validating webhooks: a POSTed AdmissionReview on a known path is answered
 * with HTTP 200 and a response review carrying the path's {@link Verdict}, as the API server
 * expects. A body that is not an AdmissionReview is answered with HTTP 400, an unknown path with
 * 404, another method with 405 and a body over {@link #MAX_BODY_BYTES} with 413, each with a review
 * whose {@code response.status.message} says what was expected.
 */
public final class AdmissionWebhook implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(AdmissionWebhook.class);

  /**
   * The largest review read: two objects of at most 3 MiB (the object and the old one) and the
   * rest, the limit controller-runtime's webhooks apply.
   */
  public static final int MAX_BODY_BYTES = 7 * 1024 * 1024;

  private final Map<String, AdmissionValidator> routes;
  private final AdmissionReviewCodec codec = new AdmissionReviewCodec();

  /** A webhook answering on each path of {@code routes}. */
  public AdmissionWebhook(Map<String, AdmissionValidator> routes) {
    this.routes = Map.copyOf(requireNonNull(routes, "routes"));
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      AdmissionValidator validator = routes.get(path);
      if (validator == null) {
        fail(
            exchange,
            404,
            "no webhook at "
                + path
                + " (expected one of "
                + routes.keySet().stream().sorted().toList()
                + ")");
        return;
      }
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().set("Allow", "POST");
        fail(
            exchange,
            405,
            exchange.getRequestMethod()
                + " "
                + path
                + " is not supported (expected: POST of an AdmissionReview)");
        return;
      }
      String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
      if (contentType == null
          || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
        fail(exchange, 400, "Content-Type " + contentType + " (expected: application/json)");
        return;
      }
      byte[] body = readBody(exchange.getRequestBody());
      if (body == null) {
        fail(
            exchange,
            413,
            "the request body is over "
                + MAX_BODY_BYTES
                + " bytes (expected: one AdmissionReview)");
        return;
      }
      AdmissionReviewCodec.Review review;
      try {
        review = codec.read(body);
      } catch (AdmissionReviewCodec.BadReviewException e) {
        fail(exchange, 400, e.getMessage());
        return;
      }
      Verdict verdict = judge(path, validator, review.request());
      send(exchange, 200, codec.write(review.apiVersion(), review.request().uid(), verdict));
    }
  }

  private static Verdict judge(
      String path, AdmissionValidator validator, AdmissionRequest request) {
    String target =
        request.object().path("kind").asText("?")
            + "/"
            + request.namespace()
            + "/"
            + request
                .object()
                .path("metadata")
                .path("name")
                .asText(request.oldObject().path("metadata").path("name").asText(""));
    Verdict verdict;
    try {
      verdict = validator.review(request);
    } catch (RuntimeException e) {
      LOG.error("{} {} {}: the webhook failed", target, request.operation(), path, e);
      return Verdict.error(500, "the webhook failed to review " + target + ": " + e);
    }
    if (verdict.allowed()) {
      LOG.debug("{} {}: allowed", target, request.operation());
    } else {
      LOG.info(
          "{} {}: denied ({}): {}", target, request.operation(), verdict.code(), verdict.message());
    }
    return verdict;
  }

  /** The body, or {@code null} when it is larger than the limit. */
  private static byte[] readBody(InputStream in) throws IOException {
    byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
    return body.length > MAX_BODY_BYTES ? null : body;
  }

  private void fail(HttpExchange exchange, int status, String message) throws IOException {
    LOG.info(
        "{} {}: {} {}",
        exchange.getRequestMethod(),
        exchange.getRequestURI().getPath(),
        status,
        message);
    send(
        exchange, status, codec.write(AdmissionReviewCodec.V1, "", Verdict.error(status, message)));
  }

  private static void send(HttpExchange exchange, int status, byte[] json) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, json.length);
    exchange.getResponseBody().write(json);
  }
}
