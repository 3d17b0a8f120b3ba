package dev.kserve4j.router;

import static java.util.Objects.requireNonNull;

/**
 * What a step answered: its HTTP status and body, as the router passes them on.
 *
 * @param status the HTTP status code
 * @param body the body, as sent (JSON for every protocol KServe's steps speak, but not checked
 *     here)
 */
public record StepReply(int status, byte[] body) {
  public StepReply {
    requireNonNull(body, "body");
  }

  /** Whether the status is 2xx, KServe's test for a {@code Hard} dependency. */
  public boolean successful() {
    return status >= 200 && status <= 299;
  }
}
