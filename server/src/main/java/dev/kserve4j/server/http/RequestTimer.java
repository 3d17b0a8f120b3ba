package dev.kserve4j.server.http;

import dev.kserve4j.server.metrics.InferenceMetrics;
import dev.kserve4j.server.metrics.InferenceMetrics.Outcome;

/** Records one REST request's duration and outcome once its status is known. */
record RequestTimer(InferenceMetrics metrics, String model, String protocol, long start) {

  static RequestTimer start(InferenceMetrics metrics, String model, String protocol) {
    return new RequestTimer(metrics, model, protocol, System.nanoTime());
  }

  /** Records the outcome and returns the response to send: {@code ok}, or the error's. */
  com.linecorp.armeria.common.HttpResponse finish(
      com.linecorp.armeria.common.HttpResponse ok, Throwable error, HttpErrors errors) {
    if (error == null) {
      finish(200);
      return ok;
    }
    finish(HttpErrors.status(error).code());
    return errors.toResponse(error);
  }

  void finish(int status) {
    Outcome outcome =
        status < 400 ? Outcome.SUCCESS : status < 500 ? Outcome.CLIENT_ERROR : Outcome.SERVER_ERROR;
    metrics.recordRequest(model, protocol, outcome, System.nanoTime() - start);
  }
}
