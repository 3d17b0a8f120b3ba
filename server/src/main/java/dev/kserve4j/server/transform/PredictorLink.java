package dev.kserve4j.server.transform;

import dev.kserve4j.runtime.JsonReply;
import dev.kserve4j.runtime.TransformerStages;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * How a transformer reaches its predictor: KServe V1 {@code :predict} or the Open Inference
 * Protocol's {@code infer} of a model, on a JSON body. {@link HttpPredictorLink} calls another
 * server ({@code --predictor-host}); a host that serves the predictor in the same process may
 * supply its own.
 */
public interface PredictorLink {

  /** The protocol of the bodies {@link #call} takes and answers with. */
  TransformerStages.Protocol protocol();

  /** The predictor as error messages name it, e.g. {@code predictor at iris-predictor.default}. */
  String name();

  /**
   * Calls the predictor's {@code :predict} (V1) or {@code infer} (V2) of {@code model}.
   *
   * @param model the model name in the predictor's path
   * @param body the request body, in {@link #protocol()}
   * @param headers the headers to send (names in lower case): the request id and trace context
   * @return the predictor's answer, whatever its status; the future fails with {@link
   *     PredictorUnreachable} when no answer came
   */
  CompletableFuture<JsonReply> call(String model, byte[] body, Map<String, String> headers);

  /**
   * No answer from the predictor: it could not be reached (HTTP 502) or did not answer in time
   * (504).
   */
  final class PredictorUnreachable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    /**
     * @param status 502 when the predictor could not be reached, 504 when it did not answer in time
     * @param message what happened, naming the predictor
     */
    public PredictorUnreachable(int status, String message, Throwable cause) {
      super(message, cause);
      this.status = status;
    }

    /** The HTTP status to answer with. */
    public int status() {
      return status;
    }
  }
}
