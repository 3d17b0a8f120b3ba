package dev.kserve4j.api.validation;

import dev.kserve4j.common.KServeException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The outcome of validating a resource: every problem found, in document order, or none.
 *
 * <p>Validators report all problems at once, unlike KServe's webhook, which stops at the first one,
 * so that one round trip fixes a manifest.
 *
 * @param errors the problems; empty when the resource is valid
 */
public record ValidationResult(List<FieldError> errors) {

  public ValidationResult {
    errors = List.copyOf(errors);
  }

  /** Whether no problem was found. */
  public boolean isValid() {
    return errors.isEmpty();
  }

  /**
   * Does nothing when valid; otherwise throws an {@link KServeException} of kind {@code
   * INVALID_INPUT} whose message names the resource and lists every error, one per line.
   */
  public void throwIfInvalid(String resource) {
    if (!isValid()) {
      throw KServeException.invalidInput(
          resource
              + " is invalid: "
              + errors.size()
              + " error(s)\n"
              + errors.stream().map(e -> "  " + e).collect(Collectors.joining("\n")));
    }
  }

  /** Collects errors while a validator walks a resource. */
  static final class Builder {
    private final List<FieldError> errors = new ArrayList<>();

    Builder add(String path, Object value, String message) {
      errors.add(new FieldError(path, value, message));
      return this;
    }

    ValidationResult build() {
      return new ValidationResult(errors);
    }
  }
}
