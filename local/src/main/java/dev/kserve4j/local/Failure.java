package dev.kserve4j.local;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.api.v1beta1.FailureReason;
import dev.kserve4j.api.v1beta1.TransitionStatus;

/**
 * Why applying an InferenceService did not make its latest spec serve.
 *
 * @param transition the model's {@code transitionStatus}: {@code InvalidSpec} when the spec can
 *     never serve as written, {@code BlockedByFailedLoad} when fetching or loading the model failed
 * @param reason KServe's {@code lastFailureInfo.reason}
 * @param conditionReason the {@code reason} of the conditions that turn False
 * @param message what was wrong and what was expected
 */
record Failure(
    TransitionStatus transition, FailureReason reason, String conditionReason, String message) {
  Failure {
    requireNonNull(transition, "transition");
    requireNonNull(reason, "reason");
    requireNonNull(conditionReason, "conditionReason");
    requireNonNull(message, "message");
  }

  static Failure invalidSpec(FailureReason reason, String conditionReason, String message) {
    return new Failure(TransitionStatus.INVALID_SPEC, reason, conditionReason, message);
  }

  static Failure loadFailed(String conditionReason, String message) {
    return new Failure(
        TransitionStatus.BLOCKED_BY_FAILED_LOAD,
        FailureReason.MODEL_LOAD_FAILED,
        conditionReason,
        message);
  }
}
