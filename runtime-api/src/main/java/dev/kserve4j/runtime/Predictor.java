package dev.kserve4j.runtime;

import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.InferResponse;

/**
 * The predictor an explainer (or any user code of a transformer) calls, as KServe's {@code
 * Model.predict} does when the model was started with {@code --predictor_host}: a request sent in
 * the predictor's protocol, its answer read back. Handed to {@link CustomModel#explain} for each
 * call, with that call's request id and trace context ({@link TransformerStages#FORWARDED_HEADERS})
 * already attached, so every predictor call of one explanation is traced under the client's
 * request.
 *
 * <p>With a predictor host ({@link TransformerStages#PREDICTOR_HOST_OPTION}) it calls that server
 * over HTTP: {@code POST /v1/models/{model}:predict} for protocol {@code v1}, {@code POST
 * /v2/models/{model}/infer} for {@code v2} and {@code grpc-v2} (the predictor's REST port serves
 * both on a kserve4j server), bounded by {@link TransformerStages#PREDICTOR_TIMEOUT_OPTION}.
 * Without one it calls the model's own {@link CustomModel#infer}, as KServe's base {@code predict}
 * runs in the explainer's own process.
 */
public interface Predictor {

  /** The predictor as messages name it, e.g. {@code predictor at iris-predictor.default}. */
  String name();

  /**
   * Runs {@code request} on the predictor. V1 answers are read as rows of the calling model's first
   * declared output; V2 answers as they are.
   *
   * @throws PredictorException when the predictor answered with an error, could not be reached or
   *     did not answer in time, with the status the caller should answer with
   */
  InferResponse predict(InferRequest request);

  /**
   * A predictor call that got no successful answer; the explainer's client gets its status and
   * message unless the explainer handles it.
   */
  final class PredictorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    /**
     * @param status the predictor's own error status; 502 when it could not be reached, 504 when it
     *     did not answer in time
     * @param message what happened, naming the predictor
     * @param cause the underlying failure, or null
     */
    public PredictorException(int status, String message, Throwable cause) {
      super(message, cause);
      if (status < 400 || status > 599) {
        throw new IllegalArgumentException("status " + status + " (expected 400..599)");
      }
      this.status = status;
    }

    /** The HTTP status to answer with. */
    public int status() {
      return status;
    }
  }
}
