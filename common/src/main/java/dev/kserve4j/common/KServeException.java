package dev.kserve4j.common;

import static java.util.Objects.requireNonNull;

/**
 * An expected failure whose message is meant for the caller: it says what was wrong and what was
 * expected. Protocols translate {@link #kind()} into their own status codes in one place.
 */
public class KServeException extends RuntimeException {
  private final ErrorKind kind;

  /** Seconds after which a retry may succeed (HTTP {@code Retry-After}); -1 when not said. */
  private final long retryAfterSeconds;

  public KServeException(ErrorKind kind, String message) {
    super(requireNonNull(message, "message"));
    this.kind = requireNonNull(kind, "kind");
    this.retryAfterSeconds = -1;
  }

  private KServeException(ErrorKind kind, String message, long retryAfterSeconds) {
    super(requireNonNull(message, "message"));
    this.kind = requireNonNull(kind, "kind");
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public KServeException(ErrorKind kind, String message, Throwable cause) {
    super(requireNonNull(message, "message"), cause);
    this.kind = requireNonNull(kind, "kind");
    this.retryAfterSeconds = -1;
  }

  public ErrorKind kind() {
    return kind;
  }

  /** A request that does not fit the protocol or the model. */
  public static KServeException invalidInput(String message) {
    return new KServeException(ErrorKind.INVALID_INPUT, message);
  }

  public static KServeException notFound(String message) {
    return new KServeException(ErrorKind.NOT_FOUND, message);
  }

  public static KServeException unavailable(String message) {
    return new KServeException(ErrorKind.UNAVAILABLE, message);
  }

  /**
   * The server cannot take the request now but may soon (a full queue, a model scaling up from
   * zero): 503, with HTTP's {@code Retry-After} telling the client when to retry.
   *
   * @param retryAfterSeconds seconds after which a retry may succeed, at least 1
   */
  public static KServeException unavailable(String message, long retryAfterSeconds) {
    return new KServeException(ErrorKind.UNAVAILABLE, message, Math.max(1, retryAfterSeconds));
  }

  /** Seconds after which a retry may succeed, when the failure says so. */
  public java.util.OptionalLong retryAfterSeconds() {
    return retryAfterSeconds < 0
        ? java.util.OptionalLong.empty()
        : java.util.OptionalLong.of(retryAfterSeconds);
  }

  public static KServeException tooLarge(String message) {
    return new KServeException(ErrorKind.TOO_LARGE, message);
  }

  public static KServeException unimplemented(String message) {
    return new KServeException(ErrorKind.UNIMPLEMENTED, message);
  }

  public static KServeException modelFailure(String message, Throwable cause) {
    return new KServeException(ErrorKind.MODEL_FAILURE, message, cause);
  }
}
