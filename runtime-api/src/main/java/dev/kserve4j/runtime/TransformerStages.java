package dev.kserve4j.runtime;

import java.util.List;
import java.util.Map;

/**
 * A model acting as KServe's transformer: the server runs {@link #preprocess} on the client's
 * request, sends what it returns to the model's predictor (another server, or a model of the same
 * process), and answers with what {@link #postprocess} makes of the predictor's answer. A runtime
 * exposes it through {@link Model#transformer()}; the server runs the stages only when it has a
 * predictor to call for the model ({@code kserve4j serve --predictor-host}).
 *
 * <p>Bodies are JSON. Each stage is told the protocol of the body it gets: {@link #preprocess} the
 * protocol the client used, {@link #postprocess} the protocol the predictor is called with
 * (KServe's {@code --protocol}). A V2 REST request with the binary tensor data extension, and a V2
 * gRPC request, reach {@link #preprocess} as the Open Inference Protocol's JSON request.
 *
 * <p>A reply that is not 2xx, from either stage, is the client's answer as it is: after a failed
 * {@link #preprocess} the predictor is not called. Implementations must be safe to call from
 * several threads at once; calls may block (they run on the server's model-worker threads).
 */
public interface TransformerStages {
  /**
   * The runtime option naming the predictor a transformer or explainer calls ({@code host[:port]},
   * KServe's {@code --predictor_host}), for runtimes whose user code calls the predictor itself (a
   * {@code model.py}'s {@code predict}); {@code kserve4j serve --predictor-host} sets it.
   */
  String PREDICTOR_HOST_OPTION = "predictorHost";

  /**
   * The runtime option with the protocol of that predictor: {@code v1}, {@code v2}, {@code
   * grpc-v2}.
   */
  String PREDICTOR_PROTOCOL_OPTION = "predictorProtocol";

  /**
   * The runtime option with the longest call to that predictor, in seconds (KServe's {@code
   * --predictor_request_timeout_seconds}); {@code kserve4j serve --predictor-host} sets it.
   */
  String PREDICTOR_TIMEOUT_OPTION = "predictorTimeoutSeconds";

  /**
   * The client's request headers that go on to the predictor: the request id and the trace context.
   */
  List<String> FORWARDED_HEADERS =
      List.of("x-request-id", "traceparent", "tracestate", "x-b3-traceid");

  /** The protocol of a JSON body. */
  enum Protocol {
    /** KServe V1: {@code :predict} bodies ({@code instances}) and answers ({@code predictions}). */
    V1,
    /** The Open Inference Protocol's JSON inference request and response objects. */
    V2
  }

  /**
   * A JSON body and its protocol.
   *
   * @param protocol the protocol the body is written in
   * @param bytes the body
   */
  record Body(Protocol protocol, byte[] bytes) {
    public Body {
      java.util.Objects.requireNonNull(protocol, "protocol");
      java.util.Objects.requireNonNull(bytes, "bytes");
    }
  }

  /**
   * Turns the client's request into the predictor's.
   *
   * @param request the client's request body, in the protocol the client used
   * @param headers the client's request headers, names in lower case
   * @return the body to send to the predictor, in the predictor's protocol (status 2xx), or the
   *     client's answer (any other status)
   */
  JsonReply preprocess(Body request, Map<String, String> headers);

  /**
   * Turns the predictor's answer into the client's.
   *
   * @param response the predictor's answer (it was 2xx), in the protocol it was called with
   * @param request the client's request, as {@link #preprocess} got it
   * @param headers the client's request headers, names in lower case
   * @return the client's answer
   */
  JsonReply postprocess(Body response, Body request, Map<String, String> headers);
}
