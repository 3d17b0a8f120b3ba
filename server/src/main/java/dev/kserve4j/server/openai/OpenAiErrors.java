package dev.kserve4j.server.openai;

import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.ContentTooLargeException;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.common.ResponseHeadersBuilder;
import dev.kserve4j.common.ErrorKind;
import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.openai.InvalidParameterException;
import dev.kserve4j.protocol.openai.OpenAiResponseCodec;
import dev.kserve4j.server.http.HttpErrors;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place OpenAI API failures become OpenAI's error object, {@code {"error": {"message",
 * "type", "param", "code"}}}: {@code invalid_request_error} with 400 for a bad field (naming it in
 * {@code param}) or a request the model cannot take, 404 with {@code code: "model_not_found"} for
 * an unknown model, 413 for a body over the limit, and {@code server_error} with 503 (model not
 * loaded) or 500 (the model failed).
 */
final class OpenAiErrors {
  private static final Logger log = LoggerFactory.getLogger(OpenAiErrors.class);

  private final long maxRequestBytes;

  OpenAiErrors(long maxRequestBytes) {
    this.maxRequestBytes = maxRequestBytes;
  }

  /**
   * An error as status and body.
   *
   * @param retryAfterSeconds the {@code Retry-After} to send, or -1 for none
   */
  record Rendered(HttpStatus status, byte[] body, long retryAfterSeconds) {
    Rendered(HttpStatus status, byte[] body) {
      this(status, body, -1);
    }

    AggregatedHttpResponse response() {
      ResponseHeadersBuilder headers = ResponseHeaders.builder(status).contentType(MediaType.JSON);
      if (retryAfterSeconds >= 0) {
        headers.add(HttpHeaderNames.RETRY_AFTER, Long.toString(retryAfterSeconds));
      }
      return AggregatedHttpResponse.of(headers.build(), HttpData.wrap(body));
    }
  }

  Rendered render(Throwable cause) {
    Throwable t = unwrap(cause);
    if (t instanceof InvalidParameterException p) {
      return invalid(HttpStatus.BAD_REQUEST, p.getMessage(), p.param(), null);
    }
    if (t instanceof ContentTooLargeException) {
      return invalid(
          HttpErrors.status(t),
          "request body is larger than the limit of "
              + maxRequestBytes
              + " bytes (expected at most that; raise it with --max-request-bytes)",
          null,
          null);
    }
    if (t instanceof KServeException k) {
      // UNIMPLEMENTED here is a model that lacks the operation (embeddings): the request's fault,
      // which OpenAI answers with 400. Every other kind keeps the status of the other protocols.
      HttpStatus status =
          k.kind() == ErrorKind.UNIMPLEMENTED
              ? HttpStatus.BAD_REQUEST
              : HttpErrors.status(k.kind());
      if (k.kind() == ErrorKind.NOT_FOUND) {
        return invalid(status, k.getMessage(), "model", "model_not_found");
      }
      Rendered rendered =
          status.isServerError()
              ? server(status, k.getMessage())
              : invalid(status, k.getMessage(), null, null);
      return new Rendered(rendered.status(), rendered.body(), k.retryAfterSeconds().orElse(-1));
    }
    log.warn("unexpected failure while serving an OpenAI request", t);
    return server(
        HttpStatus.INTERNAL_SERVER_ERROR,
        "internal error: "
            + t.getClass().getSimpleName()
            + (t.getMessage() == null ? "" : ": " + t.getMessage()));
  }

  private static Rendered invalid(HttpStatus status, String message, String param, String code) {
    return new Rendered(
        status, OpenAiResponseCodec.error(message, "invalid_request_error", param, code));
  }

  private static Rendered server(HttpStatus status, String message) {
    return new Rendered(status, OpenAiResponseCodec.error(message, "server_error", null, null));
  }

  static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
