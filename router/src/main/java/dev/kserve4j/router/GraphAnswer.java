package dev.kserve4j.router;

import static java.util.Objects.requireNonNull;

/**
 * What the graph answers the client: the status and body KServe's router would write, and whether
 * the body is JSON (the router sets {@code Content-Type: application/json} only then).
 *
 * @param status the HTTP status code
 * @param body the body
 * @param json whether {@code body} is JSON
 */
public record GraphAnswer(int status, byte[] body, boolean json) {
  public GraphAnswer {
    requireNonNull(body, "body");
  }
}
