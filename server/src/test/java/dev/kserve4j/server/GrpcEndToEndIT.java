package dev.kserve4j.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.google.protobuf.ByteString;
import com.linecorp.armeria.client.grpc.GrpcClients;
import dev.kserve4j.protocol.grpc.v2.GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub;
import dev.kserve4j.protocol.grpc.v2.InferTensorContents;
import dev.kserve4j.protocol.grpc.v2.ModelInferRequest;
import dev.kserve4j.protocol.grpc.v2.ModelInferRequest.InferInputTensor;
import dev.kserve4j.protocol.grpc.v2.ModelInferRequest.InferRequestedOutputTensor;
import dev.kserve4j.protocol.grpc.v2.ModelInferResponse;
import dev.kserve4j.protocol.grpc.v2.ModelMetadataRequest;
import dev.kserve4j.protocol.grpc.v2.ModelMetadataResponse;
import dev.kserve4j.protocol.grpc.v2.ModelReadyRequest;
import dev.kserve4j.protocol.grpc.v2.RepositoryModelLoadRequest;
import dev.kserve4j.protocol.grpc.v2.RepositoryModelUnloadRequest;
import dev.kserve4j.protocol.grpc.v2.ServerLiveRequest;
import dev.kserve4j.protocol.grpc.v2.ServerMetadataRequest;
import dev.kserve4j.protocol.grpc.v2.ServerMetadataResponse;
import dev.kserve4j.protocol.grpc.v2.ServerReadyRequest;
import dev.kserve4j.runtime.ModelRuntimes;
import dev.kserve4j.server.config.ModelConfig;
import dev.kserve4j.server.config.ServerConfig;
import dev.kserve4j.testing.TestModels;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every RPC of the Open Inference Protocol's gRPC service against a real {@link KServeServer}
 * serving the iris ONNX model, over a real HTTP/2 gRPC client, on the dedicated gRPC port and on
 * the HTTP port (which serves gRPC too).
 */
class GrpcEndToEndIT {
  private static final long MAX_REQUEST_BYTES = 64 * 1024;

  private static KServeServer server;
  private static IrisExpectations iris;

  /** The two ports that answer gRPC. */
  enum Port {
    GRPC,
    HTTP
  }

  @BeforeAll
  static void start() {
    iris = IrisExpectations.load();
    ServerConfig config =
        ServerConfig.defaults(
                List.of(
                    new ModelConfig(
                        "iris", "1", TestModels.directory("iris-onnx"), "onnx", Map.of(), null),
                    new ModelConfig(
                        "iris-spare",
                        null,
                        TestModels.directory("iris-onnx"),
                        "onnx",
                        Map.of(),
                        null)))
            .onEphemeralPorts()
            .withMaxRequestBytes(MAX_REQUEST_BYTES);
    server =
        KServeServer.start(config, ModelRuntimes.discover(GrpcEndToEndIT.class.getClassLoader()));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static GRPCInferenceServiceBlockingStub client(Port port) {
    int number = port == Port.GRPC ? server.grpcPort() : server.httpPort();
    return GrpcClients.newClient(
            "http://127.0.0.1:" + number, GRPCInferenceServiceBlockingStub.class)
        .withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  private static InferInputTensor.Builder irisInput(long rows) {
    return InferInputTensor.newBuilder()
        .setName("float_input")
        .setDatatype("FP32")
        .addShape(rows)
        .addShape(4);
  }

  private static ModelInferRequest rawRequest(String model, float[] rows) {
    ByteBuffer raw = ByteBuffer.allocate(rows.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    raw.asFloatBuffer().put(rows);
    return ModelInferRequest.newBuilder()
        .setModelName(model)
        .setId("raw-1")
        .addInputs(irisInput(rows.length / 4))
        .addRawInputContents(ByteString.copyFrom(raw))
        .build();
  }

  private static void assertStillServes() {
    for (Port port : Port.values()) {
      ModelInferResponse r = client(port).modelInfer(rawRequest("iris", iris.rows()));
      assertThat(longs(r.getRawOutputContents(0))).as(port.name()).containsExactly(iris.labels());
    }
  }

  private static long[] longs(ByteString bytes) {
    ByteBuffer b = bytes.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    long[] out = new long[b.remaining() / Long.BYTES];
    b.asLongBuffer().get(out);
    return out;
  }

  private static float[] floats(ByteString bytes) {
    ByteBuffer b = bytes.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    float[] out = new float[b.remaining() / Float.BYTES];
    b.asFloatBuffer().get(out);
    return out;
  }

  private static void assertStatus(Throwable e, Status.Code code, String... fragments) {
    assertThat(e).isInstanceOf(StatusRuntimeException.class);
    Status status = ((StatusRuntimeException) e).getStatus();
    assertThat(status.getCode()).as(status.toString()).isEqualTo(code);
    assertThat(status.getDescription()).contains(fragments);
  }

  @ParameterizedTest
  @EnumSource(Port.class)
  void healthAndServerMetadata(Port port) {
    GRPCInferenceServiceBlockingStub c = client(port);
    assertThat(c.serverLive(ServerLiveRequest.getDefaultInstance()).getLive()).isTrue();
    assertThat(c.serverReady(ServerReadyRequest.getDefaultInstance()).getReady()).isTrue();
    ServerMetadataResponse meta = c.serverMetadata(ServerMetadataRequest.getDefaultInstance());
    assertThat(meta.getName()).isEqualTo(KServeServer.METADATA.name());
    assertThat(meta.getVersion()).isEqualTo(KServeServer.METADATA.version());
    assertThat(meta.getExtensionsList()).contains("model_repository", "binary_tensor_data");
  }

  @ParameterizedTest
  @EnumSource(Port.class)
  void modelReadyAndMetadataDescribeTheGraph(Port port) {
    GRPCInferenceServiceBlockingStub c = client(port);
    assertThat(c.modelReady(ModelReadyRequest.newBuilder().setName("iris").build()).getReady())
        .isTrue();
    assertThat(
            c.modelReady(ModelReadyRequest.newBuilder().setName("iris").setVersion("1").build())
                .getReady())
        .isTrue();
    ModelMetadataResponse meta =
        c.modelMetadata(ModelMetadataRequest.newBuilder().setName("iris").setVersion("1").build());
    assertThat(meta.getName()).isEqualTo("iris");
    assertThat(meta.getVersionsList()).containsExactly("1");
    assertThat(meta.getPlatform()).contains("onnx");
    assertThat(meta.getInputs(0).getName()).isEqualTo("float_input");
    assertThat(meta.getInputs(0).getDatatype()).isEqualTo("FP32");
    assertThat(meta.getInputs(0).getShapeList()).containsExactly(-1L, 4L);
    assertThat(meta.getOutputsList())
        .extracting(o -> o.getName() + ":" + o.getDatatype())
        .containsExactly("label:INT64", "probabilities:FP32");
    assertThat(meta.getOutputs(1).getShapeList()).containsExactly(-1L, 3L);
  }

  @ParameterizedTest
  @EnumSource(Port.class)
  void rawInputContentsAnswerWithRawOutputContents(Port port) {
    ModelInferResponse r = client(port).modelInfer(rawRequest("iris", iris.rows()));

    assertThat(r.getModelName()).isEqualTo("iris");
    assertThat(r.getModelVersion()).isEqualTo("1");
    assertThat(r.getId()).isEqualTo("raw-1");
    assertThat(r.getOutputsList())
        .extracting(o -> o.getName() + ":" + o.getDatatype())
        .containsExactly("label:INT64", "probabilities:FP32");
    assertThat(r.getOutputsList()).allSatisfy(o -> assertThat(o.hasContents()).isFalse());
    assertThat(r.getOutputs(0).getShapeList()).containsExactly((long) iris.rowCount());
    assertThat(r.getOutputs(1).getShapeList()).containsExactly((long) iris.rowCount(), 3L);
    assertThat(r.getRawOutputContentsCount()).isEqualTo(2);
    assertThat(longs(r.getRawOutputContents(0))).containsExactly(iris.labels());
    assertThat(floats(r.getRawOutputContents(1)))
        .containsExactly(iris.probabilities(), within((float) iris.tolerance()));
  }

  @ParameterizedTest
  @EnumSource(Port.class)
  void typedContentsAnswerWithTypedContentsOfTheRequestedOutput(Port port) {
    InferTensorContents.Builder contents = InferTensorContents.newBuilder();
    for (float v : iris.rows()) {
      contents.addFp32Contents(v);
    }
    ModelInferRequest request =
        ModelInferRequest.newBuilder()
            .setModelName("iris")
            .addInputs(irisInput(iris.rowCount()).setContents(contents))
            .addOutputs(InferRequestedOutputTensor.newBuilder().setName("probabilities"))
            .build();

    ModelInferResponse r = client(port).modelInfer(request);

    assertThat(r.getRawOutputContentsCount()).isZero();
    assertThat(r.getOutputsCount()).isEqualTo(1);
    assertThat(r.getOutputs(0).getName()).isEqualTo("probabilities");
    List<Float> probabilities = r.getOutputs(0).getContents().getFp32ContentsList();
    assertThat(probabilities).hasSize(iris.probabilities().length);
    for (int i = 0; i < probabilities.size(); i++) {
      assertThat(probabilities.get(i))
          .as("probabilities[%d]", i)
          .isCloseTo(iris.probabilities()[i], within((float) iris.tolerance()));
    }
  }

  @ParameterizedTest
  @EnumSource(Port.class)
  void repositoryUnloadAndLoadChangeReadiness(Port port) {
    GRPCInferenceServiceBlockingStub c = client(port);
    assertThat(
            c.repositoryModelUnload(
                    RepositoryModelUnloadRequest.newBuilder().setModelName("iris-spare").build())
                .getIsUnloaded())
        .isTrue();
    try {
      assertThat(
              c.modelReady(ModelReadyRequest.newBuilder().setName("iris-spare").build()).getReady())
          .isFalse();
      assertThat(c.serverReady(ServerReadyRequest.getDefaultInstance()).getReady()).isFalse();
      assertThatThrownBy(() -> c.modelInfer(rawRequest("iris-spare", iris.rows())))
          .satisfies(e -> assertStatus(e, Status.Code.UNAVAILABLE, "iris-spare"));
      assertStillServes();
    } finally {
      assertThat(
              c.repositoryModelLoad(
                      RepositoryModelLoadRequest.newBuilder().setModelName("iris-spare").build())
                  .getIsLoaded())
          .isTrue();
    }
    assertThat(c.serverReady(ServerReadyRequest.getDefaultInstance()).getReady()).isTrue();
    assertThat(longs(c.modelInfer(rawRequest("iris-spare", iris.rows())).getRawOutputContents(0)))
        .containsExactly(iris.labels());
    assertThatThrownBy(
            () ->
                c.repositoryModelLoad(
                    RepositoryModelLoadRequest.newBuilder().setModelName("ghost").build()))
        .satisfies(e -> assertStatus(e, Status.Code.NOT_FOUND, "'ghost'"));
  }

  @ParameterizedTest
  @EnumSource(Port.class)
  void badRequestsGetTheirStatusAndTheServerKeepsServing(Port port) {
    GRPCInferenceServiceBlockingStub c = client(port);
    ModelInferRequest good = rawRequest("iris", iris.rows());

    assertThatThrownBy(() -> c.modelInfer(good.toBuilder().setModelName("nope").build()))
        .satisfies(e -> assertStatus(e, Status.Code.NOT_FOUND, "'nope'"));
    assertStillServes();

    assertThatThrownBy(() -> c.modelInfer(good.toBuilder().setModelVersion("7").build()))
        .satisfies(e -> assertStatus(e, Status.Code.NOT_FOUND, "'iris'", "'7'"));
    assertStillServes();

    ModelInferRequest fp64 =
        ModelInferRequest.newBuilder()
            .setModelName("iris")
            .addInputs(
                irisInput(1)
                    .setDatatype("FP64")
                    .setContents(
                        InferTensorContents.newBuilder()
                            .addAllFp64Contents(List.of(5.1, 3.5, 1.4, 0.2))))
            .build();
    assertThatThrownBy(() -> c.modelInfer(fp64))
        .satisfies(e -> assertStatus(e, Status.Code.INVALID_ARGUMENT, "float_input", "FP64"));
    assertStillServes();

    ModelInferRequest shortRaw =
        good.toBuilder()
            .setRawInputContents(0, good.getRawInputContents(0).substring(0, 20))
            .build();
    assertThatThrownBy(() -> c.modelInfer(shortRaw))
        .satisfies(e -> assertStatus(e, Status.Code.INVALID_ARGUMENT, "float_input"));
    assertStillServes();

    ModelInferRequest wrongName =
        good.toBuilder().setInputs(0, good.getInputs(0).toBuilder().setName("petals")).build();
    assertThatThrownBy(() -> c.modelInfer(wrongName))
        .satisfies(e -> assertStatus(e, Status.Code.INVALID_ARGUMENT, "petals"));
    assertStillServes();

    assertThatThrownBy(
            () ->
                c.modelInfer(
                    good.toBuilder()
                        .addOutputs(InferRequestedOutputTensor.newBuilder().setName("logits"))
                        .build()))
        .satisfies(e -> assertStatus(e, Status.Code.INVALID_ARGUMENT, "logits"));
    assertStillServes();
  }

  @ParameterizedTest
  @EnumSource(Port.class)
  void messageOverTheSizeLimitIsResourceExhaustedAndTheServerKeepsServing(Port port) {
    int rows = 100 * 1024 / (4 * Float.BYTES);
    float[] big = new float[rows * 4];
    for (int i = 0; i < rows; i++) {
      System.arraycopy(iris.rows(), (i % iris.rowCount()) * 4, big, i * 4, 4);
    }

    assertThatThrownBy(() -> client(port).modelInfer(rawRequest("iris", big)))
        .satisfies(
            e ->
                assertStatus(
                    e,
                    Status.Code.RESOURCE_EXHAUSTED,
                    "larger than the limit of " + MAX_REQUEST_BYTES + " bytes"));
    assertStillServes();
  }
}
