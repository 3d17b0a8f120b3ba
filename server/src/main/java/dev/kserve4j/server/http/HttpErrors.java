package dev.kserve4j.server.http;

import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ContentTooLargeException;
import dev.kserve4j.common.ErrorKind;
import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.v2.V2MetadataCodec;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place REST failures become HTTP responses: {@code {"error": "..."}} with the status the
 * Open Inference Protocol and KServe use for each {@link ErrorKind}.
 */
public final class HttpErrors {
  private static final Logger log = LoggerFactory.getLogger(HttpErrors.class);

  private final long maxRequestBytes;

  public HttpErrors(long maxRequestBytes) {
    this.maxRequestBytes = maxRequestBytes;
  }

  /** The HTTP status of a failure. */
  public static HttpStatus status(Throwable cause) {
    Throwable t = unwrap(cause);
    if (t instanceof ContentTooLargeException) {
      return HttpStatus.REQUEST_ENTITY_TOO_LARGE;
    }
    if (t instanceof KServeException k) {
      return switch (k.kind()) {
        case INVALID_INPUT -> HttpStatus.BAD_REQUEST;
        case NOT_FOUND -> HttpStatus.NOT_FOUND;
        case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
        case TOO_LARGE -> HttpStatus.REQUEST_ENTITY_TOO_LARGE;
        case UNIMPLEMENTED -> HttpStatus.NOT_IMPLEMENTED;
        case MODEL_FAILURE -> HttpStatus.INTERNAL_SERVER_ERROR;
      };
    }
    return HttpStatus.INTERNAL_SERVER_ERROR;
  }

  /** The response for a failure. */
  public HttpResponse toResponse(Throwable cause) {
    Throwable t = unwrap(cause);
    HttpStatus status = status(t);
    String message;
    if (t instanceof ContentTooLargeException) {
      message = "request body is larger than the limit of " + maxRequestBytes
          + " bytes (expected at most that; raise it with --max-request-bytes)";
    } else if (t instanceof KServeException) {
      message = t.getMessage();
    } else {
      log.warn("unexpected failure while serving a request", t);
      message = "internal error: " + t.getClass().getSimpleName()
          + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
    return json(status, V2MetadataCodec.error(message));
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
