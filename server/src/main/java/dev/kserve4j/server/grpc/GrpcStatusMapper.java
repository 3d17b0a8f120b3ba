package dev.kserve4j.server.grpc;

import dev.kserve4j.common.ErrorKind;
import dev.kserve4j.common.KServeException;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place gRPC failures become a {@link Status}: each {@link ErrorKind} maps to the code the
 * Open Inference Protocol's gRPC section and KServe use, with the exception's message (which says
 * what was wrong and what was expected) as the description.
 */
public final class GrpcStatusMapper {
  private static final Logger log = LoggerFactory.getLogger(GrpcStatusMapper.class);

  private GrpcStatusMapper() {}

  /** The status code of an error kind. */
  public static Status.Code code(ErrorKind kind) {
    return switch (kind) {
      case INVALID_INPUT -> Status.Code.INVALID_ARGUMENT;
      case NOT_FOUND -> Status.Code.NOT_FOUND;
      case UNAVAILABLE -> Status.Code.UNAVAILABLE;
      case TOO_LARGE -> Status.Code.RESOURCE_EXHAUSTED;
      case UNIMPLEMENTED -> Status.Code.UNIMPLEMENTED;
      case MODEL_FAILURE -> Status.Code.INTERNAL;
    };
  }

  /**
   * The status of a failure, unwrapping the {@link CompletionException} a future adds. A failure
   * that is neither a {@link KServeException} nor already a gRPC status is a bug on the server's
   * side: it is logged here (its only handler) and answered INTERNAL naming its type and message.
   */
  public static Status toStatus(Throwable cause) {
    Throwable t = unwrap(cause);
    if (t instanceof KServeException k) {
      return Status.fromCode(code(k.kind())).withDescription(k.getMessage()).withCause(k);
    }
    if (t instanceof StatusRuntimeException s) {
      return s.getStatus();
    }
    if (t instanceof StatusException s) {
      return s.getStatus();
    }
    log.warn("unexpected failure while serving a gRPC call", t);
    return Status.INTERNAL
        .withDescription(
            "internal error: "
                + t.getClass().getSimpleName()
                + (t.getMessage() == null ? "" : ": " + t.getMessage()))
        .withCause(t);
  }

  /**
   * The status for an HTTP error that the server's HTTP layer answers before the gRPC service runs
   * (a message over the request size limit, an unknown path). A body over the limit is
   * RESOURCE_EXHAUSTED, as gRPC servers answer a message over their limit; other codes follow
   * gRPC's HTTP-to-status table (doc/http-grpc-status-mapping.md), which clients also apply.
   */
  public static Status forHttpStatus(int httpStatus, String description) {
    Status.Code code =
        switch (httpStatus) {
          case 413 -> Status.Code.RESOURCE_EXHAUSTED;
          case 400 -> Status.Code.INTERNAL;
          case 401 -> Status.Code.UNAUTHENTICATED;
          case 403 -> Status.Code.PERMISSION_DENIED;
          case 404 -> Status.Code.UNIMPLEMENTED;
          case 429, 502, 503, 504 -> Status.Code.UNAVAILABLE;
          default -> Status.Code.UNKNOWN;
        };
    return Status.fromCode(code).withDescription(description);
  }

  /** {@link #toStatus} as the exception to pass to {@code StreamObserver.onError}. */
  public static StatusRuntimeException toException(Throwable cause) {
    return toStatus(cause).asRuntimeException();
  }

  private static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
