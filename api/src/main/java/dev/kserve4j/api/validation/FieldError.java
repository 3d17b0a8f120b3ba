package dev.kserve4j.api.validation;

import static java.util.Objects.requireNonNull;

/**
 * One rejected field of a resource: where it is, what it held, and what was wrong or expected.
 *
 * @param path the field path from the resource root, e.g. {@code spec.predictor.minReplicas} or
 *     {@code spec.nodes[root].steps[1]}
 * @param value the rejected value as given, or {@code null} when the field is missing
 * @param message what was wrong and what was expected (KServe's webhook text where KServe has one)
 */
public record FieldError(String path, Object value, String message) {

  public FieldError {
    requireNonNull(path, "path");
    requireNonNull(message, "message");
  }

  /**
   * The error as one line: {@code path: value (message)}, or {@code path: message} for a missing
   * value.
   */
  @Override
  public String toString() {
    return value == null ? path + ": " + message : path + ": " + value + " (" + message + ")";
  }
}
