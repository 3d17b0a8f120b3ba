package dev.kserve4j.server.grpc;

import com.linecorp.armeria.server.ServiceRequestContext;
import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.protocol.grpc.GrpcInferCodec;
import dev.kserve4j.protocol.grpc.v2.ModelInferResponse;
import dev.kserve4j.protocol.v2.V2RequestCodec;
import dev.kserve4j.runtime.JsonReply;
import dev.kserve4j.runtime.TransformerStages;
import dev.kserve4j.server.JsonInference;
import dev.kserve4j.server.transform.TransformerChain;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ModelInfer} of a transformer: the gRPC request as the Open Inference Protocol's JSON
 * request through the {@link TransformerChain}, the JSON answer back as a {@code
 * ModelInferResponse}; an error answer becomes the gRPC status of its HTTP status with its message.
 */
final class GrpcTransform {
  private GrpcTransform() {}

  static void run(
      TransformerChain transformers,
      InferRequest request,
      boolean rawOutputs,
      StreamObserver<ModelInferResponse> out) {
    String model = request.modelName();
    transformers
        .run(model, TransformerStages.Protocol.V2, V2RequestCodec.encode(request), headers())
        .orElseThrow(() -> KServeException.unavailable("model '" + model + "' was replaced"))
        .whenComplete(
            (reply, failure) -> {
              if (failure != null) {
                out.onError(GrpcStatusMapper.toException(failure));
                return;
              }
              if (reply.status() / 100 != 2) {
                out.onError(status(reply).asRuntimeException());
                return;
              }
              ModelInferResponse encoded;
              try {
                InferResponse response =
                    V2RequestCodec.decodeResponse(reply.body(), jsonLength(reply), model);
                encoded = GrpcInferCodec.encodeResponse(response, rawOutputs);
              } catch (KServeException e) {
                out.onError(
                    Status.INTERNAL
                        .withDescription(
                            "transformer '"
                                + model
                                + "': its postprocess answered what is no V2 inference response,"
                                + " which a gRPC client needs: "
                                + e.getMessage())
                        .asRuntimeException());
                return;
              }
              out.onNext(encoded);
              out.onCompleted();
            });
  }

  /** The client's metadata as the stages and the predictor get headers. */
  private static Map<String, String> headers() {
    Map<String, String> headers = new LinkedHashMap<>();
    ServiceRequestContext ctx = ServiceRequestContext.currentOrNull();
    if (ctx != null) {
      ctx.request()
          .headers()
          .forEach(
              (name, value) -> {
                String key = name.toString().toLowerCase(Locale.ROOT);
                if (!key.startsWith(":")
                    && !key.startsWith("grpc-")
                    && !key.equals("content-type")) {
                  headers.merge(key, value, (a, b) -> a + "," + b);
                }
              });
    }
    return headers;
  }

  private static int jsonLength(JsonReply reply) {
    String length = reply.headers().get(JsonInference.HEADER_CONTENT_LENGTH);
    try {
      return length == null ? -1 : Integer.parseInt(length.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** The gRPC status of an error answer: its HTTP status's, with the body's message. */
  private static Status status(JsonReply reply) {
    String message = TransformerChain.message(reply);
    Status.Code code =
        switch (reply.status()) {
          case 400, 422 -> Status.Code.INVALID_ARGUMENT;
          case 401 -> Status.Code.UNAUTHENTICATED;
          case 403 -> Status.Code.PERMISSION_DENIED;
          case 404 -> Status.Code.NOT_FOUND;
          case 413 -> Status.Code.RESOURCE_EXHAUSTED;
          case 501 -> Status.Code.UNIMPLEMENTED;
          case 502, 503 -> Status.Code.UNAVAILABLE;
          case 504 -> Status.Code.DEADLINE_EXCEEDED;
          default -> Status.Code.INTERNAL;
        };
    return Status.fromCode(code).withDescription(message);
  }
}
