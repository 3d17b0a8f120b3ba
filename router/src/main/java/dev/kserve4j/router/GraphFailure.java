package dev.kserve4j.router;

/**
 * A node or step that could not produce an answer: the router answers {@code {"error": "Failed to
 * process request", "cause": <message>}} with {@link #status()}, as KServe's router does.
 */
public final class GraphFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  /** A failure answered with {@code status}. */
  public GraphFailure(int status, String cause) {
    super(cause);
    this.status = status;
  }

  /** A failure answered with {@code status}, caused by {@code cause}. */
  public GraphFailure(int status, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  /** The HTTP status the router answers with (500, or 404 for a Switch without a match). */
  public int status() {
    return status;
  }
}
