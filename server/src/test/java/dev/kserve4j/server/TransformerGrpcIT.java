package dev.kserve4j.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.linecorp.armeria.client.grpc.GrpcClients;
import dev.kserve4j.common.testing.Required;
import dev.kserve4j.protocol.grpc.v2.GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub;
import dev.kserve4j.protocol.grpc.v2.InferTensorContents;
import dev.kserve4j.protocol.grpc.v2.ModelInferRequest;
import dev.kserve4j.protocol.grpc.v2.ModelInferRequest.InferInputTensor;
import dev.kserve4j.protocol.grpc.v2.ModelInferResponse;
import dev.kserve4j.runtime.ModelRuntimes;
import dev.kserve4j.server.config.ModelConfig;
import dev.kserve4j.server.config.ServerConfig;
import dev.kserve4j.server.transform.HttpPredictorLink;
import dev.kserve4j.server.transform.PredictorLinks;
import dev.kserve4j.testing.TestModels;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A {@code model.py} transformer on one server, its iris ONNX predictor on another, over real
 * sockets: a V2 gRPC client of the transformer, with the predictor called over V1, V2 REST and V2
 * gRPC ({@link HttpPredictorLink}); the gRPC request reaches preprocess as V2 JSON and
 * postprocess's answer goes back as a {@code ModelInferResponse}.
 */
class TransformerGrpcIT {
  private static final String PYTHON = "/usr/bin/python3";
  private static final List<String> PROTOCOLS = List.of("v1", "v2", "grpc-v2");
  private static KServeServer predictor;
  private static final Map<String, KServeServer> transformers = new java.util.HashMap<>();

  @BeforeAll
  static void start() {
    Required.that(PythonJsonIT.canImportNumpy(), PYTHON + " cannot import numpy");
    ModelRuntimes runtimes = ModelRuntimes.discover(TransformerGrpcIT.class.getClassLoader());
    predictor =
        KServeServer.start(
            ServerConfig.defaults(
                    List.of(ModelConfig.of("iris", TestModels.directory("iris-onnx"))))
                .onEphemeralPorts(),
            runtimes);
    for (String protocol : PROTOCOLS) {
      PredictorLinks links = new PredictorLinks();
      links.set(
          "iris",
          new HttpPredictorLink(
              "127.0.0.1:" + predictor.httpPort(), protocol, Duration.ofSeconds(30)));
      transformers.put(
          protocol,
          KServeServer.start(
              ServerConfig.defaults(
                      List.of(
                          new ModelConfig(
                              "iris",
                              null,
                              TestModels.directory("iris-transformer"),
                              "python",
                              Map.of(
                                  "python",
                                  PYTHON,
                                  "predictorHost",
                                  "127.0.0.1:" + predictor.httpPort(),
                                  "predictorProtocol",
                                  protocol),
                              null)))
                  .onEphemeralPorts(),
              runtimes,
              links));
    }
  }

  @AfterAll
  static void stop() {
    transformers.values().forEach(KServeServer::close);
    if (predictor != null) {
      predictor.close();
    }
  }

  private static GRPCInferenceServiceBlockingStub client(String protocol) {
    return GrpcClients.newClient(
            "http://127.0.0.1:" + transformers.get(protocol).httpPort(),
            GRPCInferenceServiceBlockingStub.class)
        .withDeadlineAfter(60, TimeUnit.SECONDS);
  }

  private static InferInputTensor feature(String name, float a, float b) {
    return InferInputTensor.newBuilder()
        .setName(name)
        .setDatatype("FP32")
        .addShape(2)
        .setContents(InferTensorContents.newBuilder().addFp32Contents(a).addFp32Contents(b))
        .build();
  }

  private static ModelInferRequest.Builder records() {
    return ModelInferRequest.newBuilder()
        .setModelName("iris")
        .setId("g-1")
        .addInputs(feature("sepal_length", 5.1f, 6.7f))
        .addInputs(feature("sepal_width", 3.5f, 3.0f))
        .addInputs(feature("petal_length", 1.4f, 5.2f))
        .addInputs(feature("petal_width", 0.2f, 2.3f));
  }

  @ParameterizedTest
  @ValueSource(strings = {"v2", "grpc-v2"})
  void aGrpcClientOfATransformerGetsPostprocessedOutputs(String protocol) {
    ModelInferResponse answer = client(protocol).modelInfer(records().build());

    assertThat(answer.getId()).isEqualTo("g-1");
    ModelInferResponse.InferOutputTensor label =
        answer.getOutputsList().stream()
            .filter(o -> o.getName().equals("label"))
            .findFirst()
            .orElseThrow();
    assertThat(label.getContents().getInt64ContentsList()).containsExactly(0L, 2L);
    ModelInferResponse.InferOutputTensor named =
        answer.getOutputsList().stream()
            .filter(o -> o.getName().equals("class"))
            .findFirst()
            .orElseThrow();
    assertThat(
            named.getContents().getBytesContentsList().stream()
                .map(b -> b.toString(StandardCharsets.UTF_8)))
        .containsExactly("setosa", "virginica");
  }

  @ParameterizedTest
  @ValueSource(strings = {"v1", "v2", "grpc-v2"})
  void aPreprocessThatRaisesIsInvalidArgumentWithItsMessage(String protocol) {
    ModelInferRequest missing =
        ModelInferRequest.newBuilder()
            .setModelName("iris")
            .addInputs(feature("sepal_length", 5.1f, 6.7f))
            .build();

    assertThatThrownBy(() -> client(protocol).modelInfer(missing))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
              assertThat(e.getStatus().getDescription())
                  .startsWith("input 'sepal_width' is missing");
            });
    if (!protocol.equals("v1")) {
      assertThat(client(protocol).modelInfer(records().build()).getOutputsCount()).isPositive();
    }
  }

  @org.junit.jupiter.api.Test
  void aV1AnswerPostprocessedForAGrpcClientIsNamedAsNoV2Response() {
    assertThatThrownBy(() -> client("v1").modelInfer(records().build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
              assertThat(e.getStatus().getDescription())
                  .startsWith(
                      "transformer 'iris': its postprocess answered what is no V2 inference"
                          + " response, which a gRPC client needs: ");
            });
  }

  @ParameterizedTest
  @ValueSource(strings = {"v2", "grpc-v2"})
  void aPredictorThatIsGoneIsUnavailableNamingItsHost(String protocol) {
    PredictorLinks links = new PredictorLinks();
    // A port nothing listens on: the predictor's own port after closing a server there.
    KServeServer gone =
        KServeServer.start(
            ServerConfig.defaults(List.of()).onEphemeralPorts(),
            ModelRuntimes.discover(TransformerGrpcIT.class.getClassLoader()));
    int port = gone.httpPort();
    gone.close();
    links.set("iris", new HttpPredictorLink("127.0.0.1:" + port, protocol, Duration.ofSeconds(5)));
    KServeServer server = transformers.get(protocol);
    server.predictorLinks().set("iris", links.find("iris").orElseThrow());
    try {
      assertThatThrownBy(() -> client(protocol).modelInfer(records().build()))
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e -> {
                assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
                assertThat(e.getStatus().getDescription())
                    .startsWith("predictor at 127.0.0.1:" + port + ": unreachable");
              });
    } finally {
      server
          .predictorLinks()
          .set(
              "iris",
              new HttpPredictorLink(
                  "127.0.0.1:" + predictor.httpPort(), protocol, Duration.ofSeconds(30)));
    }
    assertThat(client(protocol).modelInfer(records().build()).getOutputsCount()).isPositive();
  }
}
