package dev.kserve4j.plan.status;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.api.knative.Condition;

/**
 * A condition's outcome before its transition time is set.
 *
 * @param status {@code True}, {@code False} or {@code Unknown}
 * @param reason why, or null
 * @param message what, or null
 */
public record ConditionState(String status, String reason, String message) {
  /** True, with neither reason nor message. */
  public static final ConditionState TRUE = new ConditionState("True", null, null);

  /** Unknown, with neither reason nor message. */
  public static final ConditionState UNKNOWN = new ConditionState("Unknown", null, null);

  public ConditionState {
    requireNonNull(status, "status");
  }

  /** False with {@code reason} and {@code message}. */
  public static ConditionState failed(String reason, String message) {
    return new ConditionState("False", reason, message);
  }

  /** True when {@code ready}, else False with {@code reason} and {@code message}. */
  public static ConditionState of(boolean ready, String reason, String message) {
    return ready ? TRUE : failed(reason, message);
  }

  /** A stored condition's outcome. */
  public static ConditionState of(Condition c) {
    return new ConditionState(c.status(), c.reason(), c.message());
  }

  public boolean isTrue() {
    return "True".equals(status);
  }

  public boolean isFalse() {
    return "False".equals(status);
  }
}
