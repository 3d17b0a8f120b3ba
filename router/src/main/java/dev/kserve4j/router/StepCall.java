package dev.kserve4j.router;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * One call of a step: the body to POST and the headers that go with it.
 *
 * @param body the request body
 * @param headers the request's headers that every step receives (those matching {@code
 *     PROPAGATE_HEADERS}, the request id and the W3C trace context), lower-case names
 */
public record StepCall(byte[] body, Map<String, List<String>> headers) {
  public StepCall {
    requireNonNull(body, "body");
    headers = Map.copyOf(headers);
  }

  /** The same headers with another body. */
  public StepCall withBody(byte[] other) {
    return new StepCall(other, headers);
  }
}
