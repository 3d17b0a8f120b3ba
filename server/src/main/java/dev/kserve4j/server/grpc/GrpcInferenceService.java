package dev.kserve4j.server.grpc;

import static java.util.Objects.requireNonNull;

import com.linecorp.armeria.server.ServiceRequestContext;
import com.linecorp.armeria.server.annotation.Blocking;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.protocol.ModelMetadata;
import dev.kserve4j.protocol.grpc.GrpcInferCodec;
import dev.kserve4j.protocol.grpc.GrpcMetadataCodec;
import dev.kserve4j.protocol.grpc.v2.GRPCInferenceServiceGrpc;
import dev.kserve4j.protocol.grpc.v2.ModelInferRequest;
import dev.kserve4j.protocol.grpc.v2.ModelInferResponse;
import dev.kserve4j.protocol.grpc.v2.ModelMetadataRequest;
import dev.kserve4j.protocol.grpc.v2.ModelMetadataResponse;
import dev.kserve4j.protocol.grpc.v2.ModelReadyRequest;
import dev.kserve4j.protocol.grpc.v2.ModelReadyResponse;
import dev.kserve4j.protocol.grpc.v2.RepositoryModelLoadRequest;
import dev.kserve4j.protocol.grpc.v2.RepositoryModelLoadResponse;
import dev.kserve4j.protocol.grpc.v2.RepositoryModelUnloadRequest;
import dev.kserve4j.protocol.grpc.v2.RepositoryModelUnloadResponse;
import dev.kserve4j.protocol.grpc.v2.ServerLiveRequest;
import dev.kserve4j.protocol.grpc.v2.ServerLiveResponse;
import dev.kserve4j.protocol.grpc.v2.ServerMetadataRequest;
import dev.kserve4j.protocol.grpc.v2.ServerMetadataResponse;
import dev.kserve4j.protocol.grpc.v2.ServerReadyRequest;
import dev.kserve4j.protocol.grpc.v2.ServerReadyResponse;
import dev.kserve4j.server.DataPlane;
import dev.kserve4j.server.http.ServiceRouting;
import dev.kserve4j.server.transform.TransformerChain;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The Open Inference Protocol's {@code inference.GRPCInferenceService} over the {@link DataPlane}.
 *
 * <p>Armeria calls these methods on an event loop. Health and metadata calls are in-memory lookups
 * and answer there; {@code ModelInfer} decodes there and completes from the data plane's future, so
 * it never waits on the model; repository load and unload read model files and are therefore {@link
 * Blocking}, which makes Armeria run them on its blocking task executor. Every failure is answered
 * through {@link GrpcStatusMapper}.
 */
public final class GrpcInferenceService
    extends GRPCInferenceServiceGrpc.GRPCInferenceServiceImplBase {
  private final DataPlane dataPlane;
  private final TransformerChain transformers;

  public GrpcInferenceService(DataPlane dataPlane) {
    this(dataPlane, null);
  }

  /**
   * As {@link #GrpcInferenceService(DataPlane)}, with {@code ModelInfer} of a model that is a
   * transformer run through {@code transformers} (null for none): the request as the Open Inference
   * Protocol's JSON, the answer read back from it.
   */
  public GrpcInferenceService(DataPlane dataPlane, TransformerChain transformers) {
    this.dataPlane = requireNonNull(dataPlane, "dataPlane");
    this.transformers = transformers;
  }

  @Override
  public void serverLive(ServerLiveRequest request, StreamObserver<ServerLiveResponse> out) {
    reply(out, () -> ServerLiveResponse.newBuilder().setLive(dataPlane.live()).build());
  }

  @Override
  public void serverReady(ServerReadyRequest request, StreamObserver<ServerReadyResponse> out) {
    reply(out, () -> ServerReadyResponse.newBuilder().setReady(dataPlane.ready()).build());
  }

  @Override
  public void modelReady(ModelReadyRequest request, StreamObserver<ModelReadyResponse> out) {
    reply(
        out,
        () ->
            ModelReadyResponse.newBuilder()
                .setReady(
                    dataPlane.modelReady(
                        resolve(request.getName()), emptyToNull(request.getVersion())))
                .build());
  }

  @Override
  public void serverMetadata(
      ServerMetadataRequest request, StreamObserver<ServerMetadataResponse> out) {
    reply(out, () -> GrpcMetadataCodec.encode(dataPlane.serverMetadata()));
  }

  @Override
  public void modelMetadata(
      ModelMetadataRequest request, StreamObserver<ModelMetadataResponse> out) {
    reply(
        out,
        () -> {
          String served = resolve(request.getName());
          ModelMetadata metadata =
              dataPlane.modelMetadata(served, emptyToNull(request.getVersion()));
          return GrpcMetadataCodec.encode(
              served.equals(request.getName())
                  ? metadata
                  : metadata.withName(request.getName(), metadata.versions()));
        });
  }

  /**
   * Runs inference. The response carries raw output contents when the request carried raw input
   * contents (see {@link GrpcInferCodec}); it is encoded on the thread that completes the future.
   * Once answered, the decoded request and its answer are offered to the shadow mirrors of the
   * repository model that answered ({@link ServiceRouting#mirrorTensors}), apart from the reply.
   */
  @Override
  public void modelInfer(ModelInferRequest request, StreamObserver<ModelInferResponse> out) {
    boolean rawOutputs = request.getRawInputContentsCount() > 0;
    try {
      InferRequest decoded = GrpcInferCodec.decodeRequest(request);
      String model = decoded.modelName();
      String served = resolve(model);
      if (transformers != null && decoded.modelVersion() == null && transformers.applies(served)) {
        GrpcTransform.run(
            transformers,
            served.equals(model) ? decoded : decoded.withTarget(served, null),
            rawOutputs,
            out);
        return;
      }
      InferRequest routed =
          served.equals(model) ? decoded : decoded.withTarget(served, decoded.modelVersion());
      CompletableFuture<InferResponse> replied =
          dataPlane
              .infer(routed)
              .whenComplete(
                  (response, failure) -> {
                    if (failure != null) {
                      out.onError(GrpcStatusMapper.toException(failure));
                    } else {
                      InferResponse named =
                          served.equals(model)
                              ? response
                              : response.withIdentity(
                                  model, response.modelVersion(), response.id());
                      reply(out, () -> GrpcInferCodec.encodeResponse(named, rawOutputs));
                    }
                  });
      // Offered once the reply was handed to gRPC: a mirror never delays it.
      ServiceRouting.mirrorTensors(ServiceRequestContext.currentOrNull(), served, routed, replied);
    } catch (RuntimeException e) {
      out.onError(GrpcStatusMapper.toException(e));
    }
  }

  @Blocking
  @Override
  public void repositoryModelLoad(
      RepositoryModelLoadRequest request, StreamObserver<RepositoryModelLoadResponse> out) {
    reply(
        out,
        () -> {
          dataPlane.load(request.getModelName());
          return RepositoryModelLoadResponse.newBuilder()
              .setModelName(request.getModelName())
              .setIsLoaded(true)
              .build();
        });
  }

  @Blocking
  @Override
  public void repositoryModelUnload(
      RepositoryModelUnloadRequest request, StreamObserver<RepositoryModelUnloadResponse> out) {
    reply(
        out,
        () -> {
          dataPlane.unload(request.getModelName());
          return RepositoryModelUnloadResponse.newBuilder()
              .setModelName(request.getModelName())
              .setIsUnloaded(true)
              .build();
        });
  }

  /** Answers with the call's result, or with the mapped status when it throws. */
  private static <T> void reply(StreamObserver<T> out, Supplier<T> call) {
    T result;
    try {
      result = call.get();
    } catch (RuntimeException e) {
      out.onError(GrpcStatusMapper.toException(e));
      return;
    }
    out.onNext(result);
    out.onCompleted();
  }

  /**
   * The repository model answering {@code model} for this call: through the InferenceService the
   * call was routed to by its {@code :authority}, or that serves the name (see {@link
   * ServiceRouting#resolve}).
   */
  private static String resolve(String model) {
    return ServiceRouting.resolve(ServiceRequestContext.currentOrNull(), model);
  }

  private static String emptyToNull(String s) {
    return s.isEmpty() ? null : s;
  }
}
