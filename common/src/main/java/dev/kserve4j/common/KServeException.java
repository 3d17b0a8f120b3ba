package dev.kserve4j.common;

import static java.util.Objects.requireNonNull;

/**
 * An expected failure whose message is meant for the caller: it says what was wrong and what was
 * expected. Protocols translate {@link #kind()} into their own status codes in one place.
 */
public class KServeException extends RuntimeException {
  private final ErrorKind kind;

  public KServeException(ErrorKind kind, String message) {
    super(requireNonNull(message, "message"));
    this.kind = requireNonNull(kind, "kind");
  }

  public KServeException(ErrorKind kind, String message, Throwable cause) {
    super(requireNonNull(message, "message"), cause);
    this.kind = requireNonNull(kind, "kind");
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
