package dev.kserve4j.local;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.api.validation.ValidatingWebhooks;

/**
 * One of KServe's validating webhooks would deny a resource, so the embedded control plane stored
 * nothing of it. The message reads as the Kubernetes API server reports the denial.
 */
public final class AdmissionDeniedException extends IllegalArgumentException {
  private final String webhook;
  private final String denial;

  /**
   * @param webhook the webhook's name, e.g. {@link ValidatingWebhooks#INFERENCE_SERVICE}
   * @param denial the webhook's message
   */
  public AdmissionDeniedException(String webhook, String denial) {
    super(
        ValidatingWebhooks.deniedBy(
            requireNonNull(webhook, "webhook"), requireNonNull(denial, "denial")));
    this.webhook = webhook;
    this.denial = denial;
  }

  public String webhook() {
    return webhook;
  }

  /** The webhook's own message, without the name of the webhook. */
  public String denial() {
    return denial;
  }
}
