package dev.kserve4j.protocol;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * An entry of a request's {@code outputs} list: which output to return and how (its parameters,
 * e.g. {@code binary_data}).
 */
public record RequestedOutput(String name, Map<String, Object> parameters) {
  public RequestedOutput {
    requireNonNull(name, "name");
    parameters = parameters == null ? Map.of() : parameters;
  }

  public RequestedOutput(String name) {
    this(name, Map.of());
  }
}
