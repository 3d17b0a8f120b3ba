package dev.kserve4j.plan.llm;

import dev.kserve4j.api.validation.FieldError;
import java.util.List;

/**
 * Whether an LLMInferenceService can run embedded, on one machine with the llama.cpp runtime, and
 * why not.
 *
 * @param runtime the runtime that would serve it ({@code llama.cpp}) when {@code refusals} is
 *     empty; null otherwise
 * @param refusals each field that embedded mode cannot honour, with why (all of them, in spec
 *     order)
 * @param ignored fields embedded mode leaves aside without refusing (cluster routing, scaling),
 *     with why
 */
public record EmbeddedSupport(String runtime, List<FieldError> refusals, List<FieldError> ignored) {
  /** The runtime embedded mode serves GGUF models with. */
  public static final String LLAMA_CPP = "llama.cpp";

  public EmbeddedSupport {
    refusals = List.copyOf(refusals);
    ignored = List.copyOf(ignored);
    if (refusals.isEmpty() != (runtime != null)) {
      throw new IllegalArgumentException(
          "runtime '"
              + runtime
              + "' with "
              + refusals.size()
              + " refusal(s) (expected: a runtime exactly when nothing is refused)");
    }
  }

  /** Whether embedded mode can run the service. */
  public boolean runnable() {
    return refusals.isEmpty();
  }
}
