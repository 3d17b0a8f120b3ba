package dev.kserve4j.server.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.util.concurrent.ListenableFuture;
import com.linecorp.armeria.client.grpc.GrpcClients;
import com.linecorp.armeria.server.Server;
import com.linecorp.armeria.server.grpc.GrpcService;
import dev.kserve4j.common.ErrorKind;
import dev.kserve4j.protocol.Datatype;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.protocol.grpc.GrpcInferCodec;
import dev.kserve4j.protocol.grpc.v2.GRPCInferenceServiceGrpc;
import dev.kserve4j.protocol.grpc.v2.InferTensorContents;
import dev.kserve4j.protocol.grpc.v2.ModelInferRequest;
import dev.kserve4j.protocol.grpc.v2.ModelInferResponse;
import dev.kserve4j.protocol.grpc.v2.ModelMetadataRequest;
import dev.kserve4j.protocol.grpc.v2.ModelMetadataResponse;
import dev.kserve4j.protocol.grpc.v2.ModelReadyRequest;
import dev.kserve4j.protocol.grpc.v2.RepositoryModelLoadRequest;
import dev.kserve4j.protocol.grpc.v2.RepositoryModelLoadResponse;
import dev.kserve4j.protocol.grpc.v2.RepositoryModelUnloadRequest;
import dev.kserve4j.protocol.grpc.v2.RepositoryModelUnloadResponse;
import dev.kserve4j.protocol.grpc.v2.ServerLiveRequest;
import dev.kserve4j.protocol.grpc.v2.ServerMetadataRequest;
import dev.kserve4j.protocol.grpc.v2.ServerMetadataResponse;
import dev.kserve4j.protocol.grpc.v2.ServerReadyRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The gRPC API end to end: a real Armeria server on a loopback port and a real gRPC client. */
class GrpcInferenceServiceIT {
  private static FakeDataPlane dataPlane;
  private static Server server;
  private static GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub client;

  @BeforeAll
  static void start() {
    dataPlane = new FakeDataPlane();
    server =
        Server.builder()
            .http(0)
            .service(GrpcService.builder().addService(new GrpcInferenceService(dataPlane)).build())
            .build();
    server.start().join();
    client =
        GrpcClients.newClient(
            uri(), GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub.class);
  }

  @AfterAll
  static void stop() {
    server.stop().join();
  }

  private static String uri() {
    return "http://127.0.0.1:" + server.activeLocalPort();
  }

  private static ModelInferRequest doublerRequest(float... x) {
    InferTensorContents.Builder contents = InferTensorContents.newBuilder();
    for (float v : x) {
      contents.addFp32Contents(v);
    }
    return ModelInferRequest.newBuilder()
        .setModelName("doubler")
        .setId("r-1")
        .addInputs(
            ModelInferRequest.InferInputTensor.newBuilder()
                .setName("x")
                .setDatatype("FP32")
                .addShape(x.length)
                .setContents(contents))
        .build();
  }

  private static void assertStillServes() {
    ModelInferResponse r = client.modelInfer(doublerRequest(1.5f));
    assertThat(r.getOutputs(0).getContents().getFp32ContentsList()).containsExactly(3f);
  }

  @Test
  void healthAndServerMetadata() {
    assertThat(client.serverLive(ServerLiveRequest.getDefaultInstance()).getLive()).isTrue();
    assertThat(client.serverReady(ServerReadyRequest.getDefaultInstance()).getReady()).isTrue();
    ServerMetadataResponse metadata =
        client.serverMetadata(ServerMetadataRequest.getDefaultInstance());
    assertThat(metadata.getName()).isEqualTo("fake");
    assertThat(metadata.getVersion()).isEqualTo("0.0.1");
    assertThat(metadata.getExtensionsList()).containsExactly("model_repository");
  }

  @Test
  void modelReadyAndMetadata() {
    assertThat(
            client.modelReady(ModelReadyRequest.newBuilder().setName("doubler").build()).getReady())
        .isTrue();
    ModelMetadataResponse metadata =
        client.modelMetadata(
            ModelMetadataRequest.newBuilder().setName("doubler").setVersion("1").build());
    assertThat(metadata.getName()).isEqualTo("doubler");
    assertThat(metadata.getPlatform()).isEqualTo("fake");
    assertThat(metadata.getInputs(0).getDatatype()).isEqualTo("FP32");
    assertThat(metadata.getInputs(0).getShapeList()).containsExactly(-1L);

    assertThatThrownBy(
            () ->
                client.modelMetadata(
                    ModelMetadataRequest.newBuilder().setName("doubler").setVersion("7").build()))
        .satisfies(
            e ->
                assertStatus(
                    e,
                    Status.Code.NOT_FOUND,
                    "model 'doubler' has no version '7' (expected one of [1])"));
    assertThatThrownBy(
            () -> client.modelReady(ModelReadyRequest.newBuilder().setName("nope").build()))
        .satisfies(
            e ->
                assertStatus(
                    e,
                    Status.Code.NOT_FOUND,
                    "model 'nope' is not in the repository (expected one of [doubler, echo])"));
  }

  @Test
  void inferWithTypedContentsAnswersWithTypedContents() {
    ModelInferResponse r = client.modelInfer(doublerRequest(1f, -2.5f, 4f));

    assertThat(r.getModelName()).isEqualTo("doubler");
    assertThat(r.getId()).isEqualTo("r-1");
    assertThat(r.getRawOutputContentsCount()).isZero();
    assertThat(r.getOutputs(0).getName()).isEqualTo("y");
    assertThat(r.getOutputs(0).getShapeList()).containsExactly(3L);
    assertThat(r.getOutputs(0).getContents().getFp32ContentsList()).containsExactly(2f, -5f, 8f);
  }

  @Test
  void inferWithRawContentsAnswersWithRawContents() {
    InferRequest request =
        InferRequest.of(
            "doubler", Tensor.ofFloats("x", new long[] {2, 2}, new float[] {1, 2, 3, 0.25f}));

    ModelInferResponse wire = client.modelInfer(GrpcInferCodec.encodeRequest(request, true));

    assertThat(wire.getOutputs(0).hasContents()).isFalse();
    assertThat(wire.getRawOutputContentsCount()).isEqualTo(1);
    Tensor y = GrpcInferCodec.decodeResponse(wire).outputs().get(0);
    assertThat(y.shape()).containsExactly(2, 2);
    assertThat(y.floats()).containsExactly(2, 4, 6, 0.5f);
  }

  @Test
  void everyDatatypeSurvivesBothEncodings() {
    List<Tensor> typed =
        List.of(
            new Tensor("b", Datatype.BOOL, new long[] {2}, new boolean[] {true, false}),
            new Tensor("u8", Datatype.UINT8, new long[] {1}, new byte[] {(byte) 200}),
            new Tensor("i8", Datatype.INT8, new long[] {1}, new byte[] {-7}),
            new Tensor("u16", Datatype.UINT16, new long[] {1}, new short[] {(short) 60000}),
            new Tensor("i16", Datatype.INT16, new long[] {1}, new short[] {-300}),
            new Tensor("u32", Datatype.UINT32, new long[] {1}, new int[] {-1}),
            Tensor.ofInts("i32", new long[] {1}, new int[] {Integer.MIN_VALUE}),
            new Tensor("u64", Datatype.UINT64, new long[] {1}, new long[] {Long.MIN_VALUE}),
            Tensor.ofLongs("i64", new long[] {1}, new long[] {-9}),
            Tensor.ofFloats("f", new long[] {1}, new float[] {0.1f}),
            Tensor.ofDoubles("d", new long[] {1}, new double[] {Math.E}),
            new Tensor("s", Datatype.BYTES, new long[] {2}, new byte[][] {{'o', 'k'}, {}}));
    assertEchoed(typed, false);

    List<Tensor> withHalf = new ArrayList<>(typed);
    withHalf.add(
        new Tensor("h", Datatype.FP16, new long[] {1}, new short[] {Float.floatToFloat16(1.5f)}));
    assertEchoed(withHalf, true);
  }

  private void assertEchoed(List<Tensor> inputs, boolean raw) {
    InferRequest request = new InferRequest("e-1", "echo", null, inputs, List.of(), Map.of());

    ModelInferResponse wire = client.modelInfer(GrpcInferCodec.encodeRequest(request, raw));

    assertThat(wire.getRawOutputContentsCount()).isEqualTo(raw ? inputs.size() : 0);
    InferResponse echoed = GrpcInferCodec.decodeResponse(wire);
    assertThat(echoed.outputs()).isEqualTo(inputs);
    assertThat(echoed.id()).isEqualTo("e-1");
  }

  @Test
  void inferNeverWaitsOnTheModelOnTheEventLoop() throws Exception {
    GRPCInferenceServiceGrpc.GRPCInferenceServiceFutureStub async =
        GrpcClients.newClient(uri(), GRPCInferenceServiceGrpc.GRPCInferenceServiceFutureStub.class);
    ListenableFuture<ModelInferResponse> pending =
        async.modelInfer(doublerRequest(5f).toBuilder().setModelName("gated").build());

    try {
      // Answered while the model still holds the infer call: nothing waits on it.
      assertThat(
              client
                  .withDeadlineAfter(5, TimeUnit.SECONDS)
                  .serverLive(ServerLiveRequest.getDefaultInstance())
                  .getLive())
          .isTrue();
      assertThat(pending.isDone()).isFalse();
    } finally {
      dataPlane.openGate();
    }
    assertThat(pending.get(10, TimeUnit.SECONDS).getOutputs(0).getContents().getFp32ContentsList())
        .containsExactly(10f);
  }

  @ParameterizedTest
  @EnumSource(ErrorKind.class)
  void eachErrorKindMapsToItsStatusCode(ErrorKind kind) {
    Status.Code expected =
        switch (kind) {
          case INVALID_INPUT -> Status.Code.INVALID_ARGUMENT;
          case NOT_FOUND -> Status.Code.NOT_FOUND;
          case UNAVAILABLE -> Status.Code.UNAVAILABLE;
          case TOO_LARGE -> Status.Code.RESOURCE_EXHAUSTED;
          case UNIMPLEMENTED -> Status.Code.UNIMPLEMENTED;
          case MODEL_FAILURE -> Status.Code.INTERNAL;
        };

    assertThatThrownBy(
            () ->
                client.modelInfer(
                    doublerRequest(1f).toBuilder().setModelName("fail-" + kind).build()))
        .satisfies(
            e ->
                assertStatus(
                    e,
                    expected,
                    "model 'fail-" + kind + "' failed with " + kind + " as configured"));
    assertStillServes();
  }

  @Test
  void badRequestsAreInvalidArgumentWithTheCodecsMessage() {
    ModelInferRequest countMismatch =
        doublerRequest(1f, 2f).toBuilder()
            .setInputs(0, doublerRequest(1f, 2f).getInputs(0).toBuilder().setShape(0, 3))
            .build();
    assertThatThrownBy(() -> client.modelInfer(countMismatch))
        .satisfies(
            e ->
                assertStatus(
                    e,
                    Status.Code.INVALID_ARGUMENT,
                    "input 'x': shape [3] has 3 elements but 2 values were given in"
                        + " fp32_contents"));

    ModelInferRequest wrongType =
        ModelInferRequest.newBuilder()
            .setModelName("doubler")
            .addInputs(
                ModelInferRequest.InferInputTensor.newBuilder()
                    .setName("x")
                    .setDatatype("INT32")
                    .addShape(1)
                    .setContents(InferTensorContents.newBuilder().addIntContents(1)))
            .build();
    assertThatThrownBy(() -> client.modelInfer(wrongType))
        .satisfies(
            e ->
                assertStatus(
                    e,
                    Status.Code.INVALID_ARGUMENT,
                    "model 'doubler': input 'x' is INT32 (expected FP32)"));

    assertThatThrownBy(
            () -> client.modelInfer(doublerRequest(1f).toBuilder().setModelName("missing").build()))
        .satisfies(
            e ->
                assertStatus(
                    e,
                    Status.Code.NOT_FOUND,
                    "model 'missing' is not in the repository (expected one of [doubler, echo])"));
    assertStillServes();
  }

  @Test
  void unexpectedFailuresAreInternalNamingTheError() {
    assertThatThrownBy(
            () -> client.modelInfer(doublerRequest(1f).toBuilder().setModelName("bug").build()))
        .satisfies(
            e ->
                assertStatus(
                    e,
                    Status.Code.INTERNAL,
                    "internal error: IllegalStateException: counter went negative"));
    assertStillServes();
  }

  @Test
  void repositoryLoadAndUnloadRunOffTheEventLoop() {
    RepositoryModelUnloadResponse unloaded =
        client.repositoryModelUnload(
            RepositoryModelUnloadRequest.newBuilder().setModelName("doubler").build());
    assertThat(unloaded.getModelName()).isEqualTo("doubler");
    assertThat(unloaded.getIsUnloaded()).isTrue();
    assertThat(
            client.modelReady(ModelReadyRequest.newBuilder().setName("doubler").build()).getReady())
        .isFalse();
    assertThat(client.serverReady(ServerReadyRequest.getDefaultInstance()).getReady()).isFalse();

    RepositoryModelLoadResponse loaded =
        client.repositoryModelLoad(
            RepositoryModelLoadRequest.newBuilder().setModelName("doubler").build());
    assertThat(loaded.getModelName()).isEqualTo("doubler");
    assertThat(loaded.getIsLoaded()).isTrue();
    assertStillServes();

    assertThat(dataPlane.repositoryThreads)
        .hasSize(2)
        .allSatisfy(name -> assertThat(name).startsWith("armeria-common-blocking-tasks"));

    assertThatThrownBy(
            () ->
                client.repositoryModelLoad(
                    RepositoryModelLoadRequest.newBuilder().setModelName("ghost").build()))
        .satisfies(
            e ->
                assertStatus(
                    e,
                    Status.Code.NOT_FOUND,
                    "model 'ghost' is not in the repository (expected one of [doubler, echo])"));
  }

  private static void assertStatus(Throwable e, Status.Code code, String description) {
    assertThat(e).isInstanceOf(StatusRuntimeException.class);
    Status status = ((StatusRuntimeException) e).getStatus();
    assertThat(status.getCode()).isEqualTo(code);
    assertThat(status.getDescription()).isEqualTo(description);
  }
}
