package dev.kserve4j.api.gjson;

/**
 * A GJSON path that GJSON could not mean, or that uses syntax this package refuses: names the
 * position in the path (0-based, in UTF-16 units) and what was expected there.
 */
public final class GjsonSyntaxException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String path;
  private final int position;
  private final String reason;

  GjsonSyntaxException(String path, int position, String reason) {
    super("invalid GJSON path \"" + path + "\" at position " + position + ": " + reason);
    this.path = path;
    this.position = position;
    this.reason = reason;
  }

  /** The path that was refused. */
  public String path() {
    return path;
  }

  /** Where in the path the problem is: an index into {@link #path()} (its length at the end). */
  public int position() {
    return position;
  }

  /** What was wrong or expected, without the path and position. */
  public String reason() {
    return reason;
  }
}
