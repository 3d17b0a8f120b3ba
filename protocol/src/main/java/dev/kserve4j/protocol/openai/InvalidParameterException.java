package dev.kserve4j.protocol.openai;

import dev.kserve4j.common.ErrorKind;
import dev.kserve4j.common.KServeException;

/**
 * A request field of the OpenAI API that is missing, of the wrong type or out of range. Its {@link
 * #param()} becomes the {@code param} of OpenAI's error object, so clients can tell which field to
 * fix.
 */
public final class InvalidParameterException extends KServeException {
  private final String param;

  /**
   * @param param the field in OpenAI's notation ({@code max_tokens}, {@code messages[1].role}), or
   *     null when the body as a whole is wrong
   */
  public InvalidParameterException(String param, String message) {
    super(ErrorKind.INVALID_INPUT, message);
    this.param = param;
  }

  /** The offending field, or null for the body as a whole. */
  public String param() {
    return param;
  }
}
