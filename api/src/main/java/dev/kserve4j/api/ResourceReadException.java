package dev.kserve4j.api;

import dev.kserve4j.common.ErrorKind;
import dev.kserve4j.common.KServeException;

/**
 * A document that is not a valid resource: its message names the source, the document (1-based, in
 * the order of a multi-document YAML stream), the field path, the value and what was expected.
 */
public final class ResourceReadException extends KServeException {
  private final String source;
  private final int document;
  private final String path;

  ResourceReadException(String source, int document, String path, String message, Throwable cause) {
    super(ErrorKind.INVALID_INPUT, message, cause);
    this.source = source;
    this.document = document;
    this.path = path;
  }

  /** The file or name the text came from. */
  public String source() {
    return source;
  }

  /** The document's position in the stream, from 1; 0 when the stream itself is unreadable. */
  public int document() {
    return document;
  }

  /**
   * The field path within the document, e.g. {@code spec.predictor.minReplicas}; empty for the
   * whole document.
   */
  public String path() {
    return path;
  }
}
