package dev.kserve4j.plan.status;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.api.v1beta1.FailureReason;
import dev.kserve4j.api.v1beta1.TransitionStatus;

/**
 * Why a component's model does not serve, as {@code modelStatus.lastFailureInfo} reports it.
 *
 * @param transition the model's {@code transitionStatus}: {@code InvalidSpec} when the spec can
 *     never serve as written, {@code BlockedByFailedLoad} when fetching or loading failed
 * @param reason KServe's {@code lastFailureInfo.reason}
 * @param message what was wrong
 * @param exitCode the exit code of the failed container, or null
 */
public record ModelFailure(
    TransitionStatus transition, FailureReason reason, String message, Integer exitCode) {
  public ModelFailure {
    requireNonNull(transition, "transition");
    requireNonNull(reason, "reason");
  }

  /** A model that failed to load ({@code ModelLoadFailed}, {@code BlockedByFailedLoad}). */
  public static ModelFailure loadFailed(String message, Integer exitCode) {
    return new ModelFailure(
        TransitionStatus.BLOCKED_BY_FAILED_LOAD,
        FailureReason.MODEL_LOAD_FAILED,
        message,
        exitCode);
  }
}
