package dev.kserve4j.server.metrics;

import dev.kserve4j.server.metrics.InferenceMetrics.Outcome;

/**
 * Records one inference request's duration and outcome (by its status: below 400 a success, 4xx a
 * client error, else a server error) once its status is known.
 *
 * @param metrics where the request is recorded
 * @param model the model the request named
 * @param protocol the protocol label ({@code v1}, {@code v2-rest})
 * @param start when the request began, from {@link System#nanoTime()}
 */
public record RequestTimer(InferenceMetrics metrics, String model, String protocol, long start) {

  /** A timer started now. */
  public static RequestTimer start(InferenceMetrics metrics, String model, String protocol) {
    return new RequestTimer(metrics, model, protocol, System.nanoTime());
  }

  /** Records the request as answered now with {@code status}. */
  public void finish(int status) {
    Outcome outcome =
        status < 400 ? Outcome.SUCCESS : status < 500 ? Outcome.CLIENT_ERROR : Outcome.SERVER_ERROR;
    metrics.recordRequest(model, protocol, outcome, System.nanoTime() - start);
  }
}
