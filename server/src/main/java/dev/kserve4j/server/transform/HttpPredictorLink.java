package dev.kserve4j.server.transform;

import static java.util.Objects.requireNonNull;

import com.linecorp.armeria.client.ResponseTimeoutException;
import com.linecorp.armeria.client.UnprocessedRequestException;
import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.client.grpc.GrpcClients;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.common.RequestHeadersBuilder;
import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.grpc.GrpcInferCodec;
import dev.kserve4j.protocol.grpc.v2.GRPCInferenceServiceGrpc;
import dev.kserve4j.protocol.grpc.v2.ModelInferResponse;
import dev.kserve4j.protocol.v2.V2MetadataCodec;
import dev.kserve4j.protocol.v2.V2RequestCodec;
import dev.kserve4j.protocol.v2.V2ResponseCodec;
import dev.kserve4j.runtime.JsonReply;
import dev.kserve4j.runtime.TransformerStages;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * A predictor on another server, as KServe's transformer reaches it with {@code --predictor_host}
 * and {@code --protocol}: {@code v1} posts to {@code /v1/models/{m}:predict}, {@code v2} to {@code
 * /v2/models/{m}/infer}, {@code grpc-v2} calls {@code inference.GRPCInferenceService/ModelInfer}
 * with the V2 JSON body converted to and from protobuf by the project's codecs. One pooled client
 * per link (connections are reused); every call is bounded by the component timeout.
 */
public final class HttpPredictorLink implements PredictorLink {
  /** The protocols of KServe's {@code --protocol}. */
  public static final List<String> PROTOCOLS = List.of("v1", "v2", "grpc-v2");

  private final String host;
  private final String protocol;
  private final Duration timeout;
  private final WebClient http;
  private final GRPCInferenceServiceGrpc.GRPCInferenceServiceStub grpc;

  /**
   * @param host the predictor, {@code host} or {@code host:port} (port 80 when absent)
   * @param protocol {@code v1}, {@code v2} or {@code grpc-v2}
   * @param timeout the longest one call may take (KServe's {@code
   *     --predictor_request_timeout_seconds})
   */
  public HttpPredictorLink(String host, String protocol, Duration timeout) {
    this.host = requireNonNull(host, "host");
    this.protocol = requireNonNull(protocol, "protocol").toLowerCase(Locale.ROOT);
    this.timeout = requireNonNull(timeout, "timeout");
    if (!PROTOCOLS.contains(this.protocol)) {
      throw new IllegalArgumentException(
          "protocol '" + protocol + "' (expected one of " + String.join(", ", PROTOCOLS) + ")");
    }
    if (this.protocol.equals("grpc-v2")) {
      this.http = null;
      this.grpc =
          GrpcClients.builder("http://" + host)
              .responseTimeout(timeout)
              .maxResponseLength(0)
              .build(GRPCInferenceServiceGrpc.GRPCInferenceServiceStub.class);
    } else {
      this.http = WebClient.builder("http://" + host).responseTimeout(timeout).build();
      this.grpc = null;
    }
  }

  @Override
  public TransformerStages.Protocol protocol() {
    return protocol.equals("v1") ? TransformerStages.Protocol.V1 : TransformerStages.Protocol.V2;
  }

  @Override
  public String name() {
    return "predictor at " + host;
  }

  @Override
  public CompletableFuture<JsonReply> call(String model, byte[] body, Map<String, String> headers) {
    CompletableFuture<JsonReply> answer =
        grpc != null ? callGrpc(model, body, headers) : callHttp(model, body, headers);
    return answer.exceptionallyCompose(
        failure -> CompletableFuture.failedFuture(unreachable(failure)));
  }

  private CompletableFuture<JsonReply> callHttp(
      String model, byte[] body, Map<String, String> headers) {
    String name = URLEncoder.encode(model, StandardCharsets.UTF_8).replace("+", "%20");
    String path =
        protocol.equals("v1") ? "/v1/models/" + name + ":predict" : "/v2/models/" + name + "/infer";
    RequestHeadersBuilder sent =
        RequestHeaders.builder(HttpMethod.POST, path).contentType(MediaType.JSON);
    headers.forEach(sent::set);
    return http.execute(HttpRequest.of(sent.build(), HttpData.wrap(body)))
        .aggregate()
        .thenApply(HttpPredictorLink::reply);
  }

  private static JsonReply reply(AggregatedHttpResponse response) {
    MediaType type = response.contentType();
    return new JsonReply(
        response.status().code(),
        type == null ? JsonReply.JSON : type.toString(),
        response.content().array(),
        Map.of());
  }

  private CompletableFuture<JsonReply> callGrpc(
      String model, byte[] body, Map<String, String> headers) {
    InferRequest request;
    try {
      request = V2RequestCodec.decode(model, null, body, -1);
    } catch (KServeException e) {
      // What the transformer sent is no V2 request: the gRPC predictor could not read it either.
      return CompletableFuture.completedFuture(
          JsonReply.json(400, V2MetadataCodec.error(e.getMessage())));
    }
    Metadata metadata = new Metadata();
    headers.forEach(
        (k, v) -> metadata.put(Metadata.Key.of(k, Metadata.ASCII_STRING_MARSHALLER), v));
    var stub =
        grpc.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(metadata))
            .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS);
    CompletableFuture<JsonReply> out = new CompletableFuture<>();
    stub.modelInfer(
        GrpcInferCodec.encodeRequest(request, false),
        new StreamObserver<>() {
          @Override
          public void onNext(ModelInferResponse value) {
            try {
              var response = GrpcInferCodec.decodeResponse(value);
              out.complete(JsonReply.json(200, V2ResponseCodec.encode(response, request).body()));
            } catch (RuntimeException e) {
              out.completeExceptionally(e);
            }
          }

          @Override
          public void onError(Throwable t) {
            if (t instanceof StatusRuntimeException s && !isTransport(s)) {
              out.complete(JsonReply.json(httpStatus(s), V2MetadataCodec.error(describe(s))));
            } else {
              out.completeExceptionally(t);
            }
          }

          @Override
          public void onCompleted() {
            // the answer came with onNext
          }
        });
    return out;
  }

  /** A gRPC status that stands for no answer at all: a connection that failed, or the deadline. */
  private static boolean isTransport(StatusRuntimeException s) {
    return switch (s.getStatus().getCode()) {
      case DEADLINE_EXCEEDED -> true;
      case UNAVAILABLE -> s.getStatus().getCause() instanceof UnprocessedRequestException;
      default -> false;
    };
  }

  private static String describe(StatusRuntimeException s) {
    String d = s.getStatus().getDescription();
    return d != null ? d : s.getStatus().getCode().name();
  }

  /** The HTTP status of a predictor's gRPC error, as HttpErrors and GrpcStatusMapper pair them. */
  private static int httpStatus(StatusRuntimeException s) {
    return switch (s.getStatus().getCode()) {
      case INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE -> 400;
      case NOT_FOUND -> 404;
      case RESOURCE_EXHAUSTED -> 413;
      case UNIMPLEMENTED -> 501;
      case UNAVAILABLE -> 503;
      case DEADLINE_EXCEEDED -> 504;
      case UNAUTHENTICATED -> 401;
      case PERMISSION_DENIED -> 403;
      default -> 500;
    };
  }

  private PredictorUnreachable unreachable(Throwable failure) {
    Throwable t = failure;
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof PredictorUnreachable p) {
      return p;
    }
    boolean late =
        t instanceof ResponseTimeoutException
            || (t instanceof StatusRuntimeException s
                && s.getStatus().getCode() == io.grpc.Status.Code.DEADLINE_EXCEEDED);
    if (late) {
      return new PredictorUnreachable(
          504, name() + ": no answer within " + timeout.toSeconds() + " s", t);
    }
    Throwable cause = t.getCause() != null ? t.getCause() : t;
    if (t instanceof StatusRuntimeException s && s.getStatus().getCause() != null) {
      cause = s.getStatus().getCause();
      cause = cause.getCause() != null ? cause.getCause() : cause;
    }
    return new PredictorUnreachable(
        502,
        name()
            + ": unreachable ("
            + cause.getClass().getSimpleName()
            + (cause.getMessage() == null ? "" : ": " + cause.getMessage())
            + ")",
        t);
  }
}
