package dev.kserve4j.plan.llm;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.api.validation.FieldError;
import java.util.List;

/** What planning an LLMInferenceService gives: a plan, or the validation errors. */
public sealed interface LLMPlanResult {

  /** The LLMInferenceService is valid. */
  record Planned(LLMInferenceServicePlan plan) implements LLMPlanResult {
    public Planned {
      requireNonNull(plan, "plan");
    }
  }

  /** The LLMInferenceService fails validation; every error, in document order. */
  record Rejected(List<FieldError> errors) implements LLMPlanResult {
    public Rejected {
      errors = List.copyOf(errors);
      if (errors.isEmpty()) {
        throw new IllegalArgumentException("a rejection needs at least one error");
      }
    }
  }
}
