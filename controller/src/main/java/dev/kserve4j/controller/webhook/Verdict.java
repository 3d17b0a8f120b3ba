package dev.kserve4j.controller.webhook;

import java.util.List;

/**
 * The answer of a validating webhook to one admission request: {@code response.allowed} and {@code
 * response.status}, as controller-runtime's {@code admission.Allowed}, {@code Denied} and {@code
 * Errored} build them (KServe's webhooks use these three).
 *
 * @param allowed whether the API server may persist the object
 * @param code the HTTP-like status code: 200 allowed, 403 denied by a rule, 400 an object that
 *     cannot be read, 500 the webhook could not decide
 * @param reason the Kubernetes {@code StatusReason} ({@code Forbidden} for a denial), or {@code
 *     null}
 * @param message what was wrong and what was expected, or {@code null} when allowed
 * @param warnings {@code response.warnings}: what the API server shows the client beside the
 *     verdict ({@code kubectl} prints each as {@code Warning: ...}); empty for none
 */
public record Verdict(
    boolean allowed, int code, String reason, String message, List<String> warnings) {

  public Verdict {
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
  }

  public Verdict(boolean allowed, int code, String reason, String message) {
    this(allowed, code, reason, message, List.of());
  }

  /** {@code admission.Allowed("")}. */
  public static Verdict allow() {
    return new Verdict(true, 200, null, null);
  }

  /** {@code admission.Allowed("")} with {@code warnings} ({@code admission.Warnings}). */
  public static Verdict allow(List<String> warnings) {
    return new Verdict(true, 200, null, null, warnings);
  }

  /**
   * {@code admission.Denied(message)}: a rule rejected the object (403, reason {@code Forbidden}).
   */
  public static Verdict deny(String message) {
    return new Verdict(false, 403, "Forbidden", message);
  }

  /** {@code admission.Errored(code, err)}: the webhook could not judge the object. */
  public static Verdict error(int code, String message) {
    return new Verdict(false, code, null, message);
  }
}
