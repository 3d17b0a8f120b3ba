package dev.kserve4j.plan;

import static java.util.Objects.requireNonNull;

/**
 * The outcome of runtime selection for a predictor: a runtime, or the reason none fits, as KServe
 * reports it in {@code status.modelStatus.lastFailureInfo} (reason {@code NoSupportingRuntime}).
 */
public sealed interface RuntimeSelection {

  /** A runtime was found. */
  record Selected(RuntimeCandidate runtime) implements RuntimeSelection {
    public Selected {
      requireNonNull(runtime, "runtime");
    }
  }

  /**
   * No runtime fits.
   *
   * @param reason KServe's failure reason, {@code NoSupportingRuntime}
   * @param message what KServe puts in {@code lastFailureInfo.message}
   * @param detail a longer explanation naming the model format, protocol and runtimes looked at
   */
  record NoSupportingRuntime(String reason, String message, String detail)
      implements RuntimeSelection {}
}
