package dev.kserve4j.server.http;

import com.linecorp.armeria.common.ContentTooLargeException;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import dev.kserve4j.common.ErrorKind;
import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.v2.V2MetadataCodec;
import dev.kserve4j.runtime.JsonReply;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place failures become HTTP responses, for every HTTP API kserve4j serves (the V1 and V2
 * routes, the admin API of {@code kserve4j up}, the errors of the HTTP layer itself): {@code
 * {"error": "..."}} with the status the Open Inference Protocol and KServe use for each {@link
 * ErrorKind}. (The OpenAI routes take their status from here too, in OpenAI's error body.) {@link
 * #reply} gives the same status and body without building an HTTP response.
 */
public final class HttpErrors {
  private static final Logger log = LoggerFactory.getLogger(HttpErrors.class);

  private final long maxRequestBytes;
  private final String limitHint;

  /**
   * @param maxRequestBytes the body limit set by {@code --max-request-bytes}
   */
  public HttpErrors(long maxRequestBytes) {
    this(maxRequestBytes, "raise it with --max-request-bytes");
  }

  /**
   * @param maxRequestBytes the body limit the server enforces, named when a body exceeds it
   * @param limitHint how a user may change that limit, or empty when it is fixed
   */
  public HttpErrors(long maxRequestBytes, String limitHint) {
    this.maxRequestBytes = maxRequestBytes;
    this.limitHint = java.util.Objects.requireNonNull(limitHint, "limitHint");
  }

  /**
   * The HTTP status of each kind of failure: 400, 404, 503, 413, 501, 500 (KServe's V2 error
   * statuses; 501 for an operation the server or model does not have).
   */
  public static HttpStatus status(ErrorKind kind) {
    return switch (kind) {
      case INVALID_INPUT -> HttpStatus.BAD_REQUEST;
      case NOT_FOUND -> HttpStatus.NOT_FOUND;
      case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
      case TOO_LARGE -> HttpStatus.REQUEST_ENTITY_TOO_LARGE;
      case UNIMPLEMENTED -> HttpStatus.NOT_IMPLEMENTED;
      case MODEL_FAILURE -> HttpStatus.INTERNAL_SERVER_ERROR;
    };
  }

  /** The HTTP status of a failure: its kind's, 413 for a body over the limit, else 500. */
  public static HttpStatus status(Throwable cause) {
    Throwable t = unwrap(cause);
    if (t instanceof ContentTooLargeException) {
      return HttpStatus.REQUEST_ENTITY_TOO_LARGE;
    }
    if (t instanceof KServeException k) {
      return status(k.kind());
    }
    return HttpStatus.INTERNAL_SERVER_ERROR;
  }

  /** The response for a failure; an unexpected one is logged and reported as an internal error. */
  public HttpResponse toResponse(Throwable cause) {
    return Replies.response(reply(cause));
  }

  /**
   * The status and body of a failure, without an HTTP response: what the routes send and what
   * in-process callers of the same calls get. An unexpected failure is logged and reported as an
   * internal error.
   */
  public JsonReply reply(Throwable cause) {
    Throwable t = unwrap(cause);
    String message;
    if (t instanceof ContentTooLargeException) {
      message = tooLargeMessage();
    } else if (t instanceof KServeException) {
      message = t.getMessage();
    } else {
      log.warn("unexpected failure while serving a request", t);
      message =
          "internal error: "
              + t.getClass().getSimpleName()
              + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
    JsonReply reply = JsonReply.json(status(t).code(), V2MetadataCodec.error(message));
    return retryAfter(reply, t);
  }

  /** {@code reply} with a {@code Retry-After} header when {@code failure} says when to retry. */
  public static JsonReply retryAfter(JsonReply reply, Throwable failure) {
    if (unwrap(failure) instanceof KServeException k && k.retryAfterSeconds().isPresent()) {
      java.util.Map<String, String> headers = new java.util.LinkedHashMap<>(reply.headers());
      headers.put("retry-after", Long.toString(k.retryAfterSeconds().getAsLong()));
      return new JsonReply(reply.status(), reply.contentType(), reply.body(), headers);
    }
    return reply;
  }

  /** The response for a failure of a known kind. */
  public static HttpResponse response(KServeException failure) {
    return Replies.response(
        retryAfter(
            JsonReply.json(
                status(failure.kind()).code(), V2MetadataCodec.error(failure.getMessage())),
            failure));
  }

  /**
   * The response for an error the HTTP layer decided itself and no {@link ErrorKind} names (405 for
   * a method a path does not take, 400 for a malformed request line).
   */
  public static HttpResponse response(HttpStatus status, String message) {
    return json(status, V2MetadataCodec.error(message));
  }

  /** What a client is told when its body is over the limit. */
  String tooLargeMessage() {
    return "request body is larger than the limit of "
        + maxRequestBytes
        + " bytes (expected at most that"
        + (limitHint.isEmpty() ? "" : "; " + limitHint)
        + ")";
  }

  static HttpResponse json(HttpStatus status, byte[] body) {
    return HttpResponse.of(status, MediaType.JSON, body);
  }

  static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
