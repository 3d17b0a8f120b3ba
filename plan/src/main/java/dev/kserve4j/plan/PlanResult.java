package dev.kserve4j.plan;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.api.validation.FieldError;
import java.util.List;

/** What planning an InferenceService gives: a plan, the validation errors, or no runtime. */
public sealed interface PlanResult {

  /** The InferenceService is valid and every component can be served. */
  record Planned(InferenceServicePlan plan) implements PlanResult {
    public Planned {
      requireNonNull(plan, "plan");
    }
  }

  /** The InferenceService fails validation; every error, in document order. */
  record Rejected(List<FieldError> errors) implements PlanResult {
    public Rejected {
      errors = List.copyOf(errors);
      if (errors.isEmpty()) {
        throw new IllegalArgumentException("a rejection needs at least one error");
      }
    }
  }

  /**
   * The predictor's model has no runtime, with KServe's {@code lastFailureInfo} reason and message.
   */
  record NoRuntime(RuntimeSelection.NoSupportingRuntime failure) implements PlanResult {
    public NoRuntime {
      requireNonNull(failure, "failure");
    }
  }
}
