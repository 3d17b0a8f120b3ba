package dev.kserve4j.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.util.JsonFormat;
import com.linecorp.armeria.client.grpc.GrpcClients;
import dev.kserve4j.common.testing.Required;
import dev.kserve4j.protocol.grpc.v2.GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub;
import dev.kserve4j.protocol.grpc.v2.ModelInferRequest;
import dev.kserve4j.protocol.grpc.v2.ModelInferResponse;
import dev.kserve4j.runtime.ModelRuntimes;
import dev.kserve4j.server.config.BatchingConfig;
import dev.kserve4j.server.config.ModelConfig;
import dev.kserve4j.server.config.ServerConfig;
import dev.kserve4j.testing.TestModels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * KServe's own example models (xgbserver's iris booster in three formats, lgbserver's iris model)
 * served by one {@link KServeServer} and asked with KServe's own end-to-end request bodies
 * (test/e2e/data), sent byte for byte, over V1 REST, V2 REST (JSON and binary outputs) and V2 gRPC
 * on both ports. Expected answers come from the reference frameworks ({@code
 * reference-outputs.json}) and from KServe's lgbserver tests.
 */
class KServeExamplesIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path ROOT =
      TestModels.repoRoot().resolve("../shared/fixtures/kserve-examples").normalize();

  private static KServeServer server;
  private static RestClient http;
  private static JsonNode reference;

  @BeforeAll
  static void start() throws IOException {
    Required.that(
        Files.isDirectory(ROOT),
        "KServe's example models are not at "
            + ROOT
            + " (they are shared next to the repository,"
            + " not part of it)");
    reference = JSON.readTree(ROOT.resolve("reference-outputs.json").toFile());
    List<ModelConfig> models = new ArrayList<>();
    for (String xgb : List.of("xgboost-bst", "xgboost-json", "xgboost-ubj")) {
      models.add(ModelConfig.of(xgb, ROOT.resolve(xgb)).withFormat("xgboost"));
    }
    models.add(
        ModelConfig.of("xgboost-batched", ROOT.resolve("xgboost-bst"))
            .withFormat("xgboost")
            .withBatching(new BatchingConfig(8, 50_000)));
    models.add(ModelConfig.of("lightgbm", ROOT.resolve("lightgbm")).withFormat("lightgbm"));
    server =
        KServeServer.start(
            ServerConfig.defaults(models).onEphemeralPorts(),
            ModelRuntimes.discover(KServeExamplesIT.class.getClassLoader()));
    http = new RestClient(server.httpPort());
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static byte[] body(String file) throws IOException {
    return Files.readAllBytes(ROOT.resolve("inputs").resolve(file));
  }

  private static RestClient.Reply post(String path, byte[] body) {
    RestClient.Reply r = http.post(path, body, Map.of());
    assertThat(r.status()).as("%s: %s", path, r.text()).isEqualTo(200);
    return r;
  }

  private static double[] doubles(JsonNode array) {
    double[] out = new double[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asDouble();
    }
    return out;
  }

  private static float[] referenceClasses(String model) {
    double[] d = doubles(reference.path(model).path("predict"));
    assertThat(d).as("reference predictions of %s", model).isNotEmpty();
    float[] out = new float[d.length];
    for (int i = 0; i < d.length; i++) {
      out[i] = (float) d[i];
    }
    return out;
  }

  private static ModelInferResponse grpcInfer(int port, String model) throws IOException {
    ModelInferRequest.Builder request = ModelInferRequest.newBuilder();
    JsonFormat.parser()
        .merge(new String(body("iris_input_v2_grpc.json"), StandardCharsets.UTF_8), request);
    request.setModelName(model);
    return GrpcClients.newClient("http://127.0.0.1:" + port, GRPCInferenceServiceBlockingStub.class)
        .withDeadlineAfter(30, TimeUnit.SECONDS)
        .modelInfer(request.build());
  }

  @ParameterizedTest
  @ValueSource(strings = {"xgboost-bst", "xgboost-json", "xgboost-ubj"})
  void xgboostV1PredictGivesTheClassesXGBoostGives(String model) throws Exception {
    JsonNode predictions =
        JSON.readTree(post("/v1/models/" + model + ":predict", body("iris_input.json")).body())
            .get("predictions");

    assertThat(doubles(predictions))
        .containsExactly(doubles(reference.path(model).path("predict")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"xgboost-bst", "xgboost-json", "xgboost-ubj"})
  void xgboostV2JsonInfer(String model) throws Exception {
    JsonNode out =
        JSON.readTree(post("/v2/models/" + model + "/infer", body("iris_input_v2.json")).body())
            .at("/outputs/0");

    assertThat(out.get("name").asText()).isEqualTo("output-0");
    assertThat(out.get("datatype").asText()).isEqualTo("FP32");
    assertThat(out.get("shape").toString()).isEqualTo("[2]");
    assertThat(doubles(out.get("data")))
        .containsExactly(doubles(reference.path(model).path("predict")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"iris_input_v2_binary.json", "iris_input_v2_all_binary.json"})
  void xgboostV2BinaryOutputs(String file) throws Exception {
    for (String model : List.of("xgboost-bst", "xgboost-json", "xgboost-ubj")) {
      BinaryReply reply = BinaryReply.of(post("/v2/models/" + model + "/infer", body(file)));

      JsonNode out = reply.header().at("/outputs/0");
      assertThat(out.get("name").asText()).isEqualTo("output-0");
      assertThat(out.get("datatype").asText()).isEqualTo("FP32");
      assertThat(out.has("data")).as("binary output carries no JSON data").isFalse();
      assertThat(out.at("/parameters/binary_data_size").asInt()).isEqualTo(2 * Float.BYTES);
      assertThat(reply.floats("output-0")).as(model).containsExactly(referenceClasses(model));
    }
  }

  @Test
  void xgboostGrpcOnBothPortsFromKServesGrpcBody() throws Exception {
    for (String model : List.of("xgboost-bst", "xgboost-json", "xgboost-ubj")) {
      for (int port : new int[] {server.grpcPort(), server.httpPort()}) {
        ModelInferResponse r = grpcInfer(port, model);

        assertThat(r.getModelName()).isEqualTo(model);
        assertThat(r.getOutputs(0).getName()).isEqualTo("output-0");
        assertThat(r.getOutputs(0).getDatatype()).isEqualTo("FP32");
        assertThat(r.getOutputs(0).getShapeList()).containsExactly(2L);
        List<Float> classes = r.getOutputs(0).getContents().getFp32ContentsList();
        float[] expected = referenceClasses(model);
        assertThat(classes).as("%s on port %d", model, port).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
          assertThat(classes.get(i)).isEqualTo(expected[i]);
        }
      }
    }
  }

  /**
   * KServe's batcher test body is a list of V1 requests sent at once; a batching server must give
   * each its own answer, the one the unbatched model gives it (the first body's second row, {@code
   * [6.0, 1.0, 4.5, 1.6]}, differs from the others on purpose).
   */
  @Test
  void batchInputBodiesSentAtOnceEachGetTheirOwnPredictions() throws Exception {
    JsonNode bodies = JSON.readTree(body("iris_batch_input.json"));
    List<Future<RestClient.Reply>> replies = new ArrayList<>();
    try (ExecutorService callers = Executors.newFixedThreadPool(bodies.size())) {
      for (JsonNode b : bodies) {
        byte[] bytes = JSON.writeValueAsBytes(b);
        replies.add(
            callers.submit(() -> http.post("/v1/models/xgboost-batched:predict", bytes, Map.of())));
      }
    }
    double[] referenceClasses = doubles(reference.path("xgboost-bst").path("predict"));
    JsonNode irisInstances = JSON.readTree(body("iris_input.json")).get("instances");
    for (int i = 0; i < bodies.size(); i++) {
      RestClient.Reply batched = replies.get(i).get(30, TimeUnit.SECONDS);
      assertThat(batched.status()).as(batched.text()).isEqualTo(200);
      double[] got = doubles(JSON.readTree(batched.body()).get("predictions"));
      double[] alone =
          doubles(
              JSON.readTree(
                      post("/v1/models/xgboost-bst:predict", JSON.writeValueAsBytes(bodies.get(i)))
                          .body())
                  .get("predictions"));
      assertThat(got).as("body %d", i).containsExactly(alone);
      if (bodies.get(i).get("instances").equals(irisInstances)) {
        assertThat(got).as("body %d", i).containsExactly(referenceClasses);
      }
    }
  }

  /** Probabilities per row, [rows][3], checked to be a distribution. */
  private static double[][] probabilityRows(double[] flat) {
    assertThat(flat.length % 3).isZero();
    double[][] rows = new double[flat.length / 3][];
    for (int r = 0; r < rows.length; r++) {
      rows[r] = Arrays.copyOfRange(flat, r * 3, r * 3 + 3);
      assertThat(rows[r][0] + rows[r][1] + rows[r][2]).isCloseTo(1.0, within(1e-9));
    }
    return rows;
  }

  private static int argmax(double[] row) {
    int best = 0;
    for (int i = 1; i < row.length; i++) {
      if (row[i] > row[best]) {
        best = i;
      }
    }
    return best;
  }

  /**
   * KServe's LightGBM end-to-end tests expect class 1 (versicolor, probability about 0.999) for
   * both rows of iris_input_v2.json; the same rows come as V1, V2 JSON, V2 binary and gRPC bodies,
   * and every route must give the same FP64 probabilities.
   */
  @Test
  void lightgbmAnswersEveryKServeBodyWithTheSameProbabilities() throws Exception {
    JsonNode v1 =
        JSON.readTree(post("/v1/models/lightgbm:predict", body("iris_input.json")).body());
    JsonNode v2 =
        JSON.readTree(post("/v2/models/lightgbm/infer", body("iris_input_v2.json")).body())
            .at("/outputs/0");

    assertThat(v2.get("datatype").asText()).isEqualTo("FP64");
    assertThat(v2.get("shape").toString()).isEqualTo("[2,3]");
    double[] probabilities = doubles(v2.get("data"));
    for (double[] row : probabilityRows(probabilities)) {
      assertThat(argmax(row)).isEqualTo(1);
      assertThat(row[1]).isGreaterThan(0.99);
    }
    List<Double> v1Flat = new ArrayList<>();
    v1.get("predictions").forEach(row -> row.forEach(p -> v1Flat.add(p.asDouble())));
    assertThat(v1Flat).containsExactly(Arrays.stream(probabilities).boxed().toArray(Double[]::new));

    for (String file : List.of("iris_input_v2_binary.json", "iris_input_v2_all_binary.json")) {
      BinaryReply reply = BinaryReply.of(post("/v2/models/lightgbm/infer", body(file)));
      assertThat(reply.header().at("/outputs/0/datatype").asText()).isEqualTo("FP64");
      assertThat(reply.doubles("output-0")).as(file).containsExactly(probabilities);
    }
    for (int port : new int[] {server.grpcPort(), server.httpPort()}) {
      ModelInferResponse r = grpcInfer(port, "lightgbm");
      assertThat(r.getOutputs(0).getDatatype()).isEqualTo("FP64");
      assertThat(r.getOutputs(0).getShapeList()).containsExactly(2L, 3L);
      assertThat(r.getOutputs(0).getContents().getFp64ContentsList())
          .as("port %d", port)
          .containsExactly(Arrays.stream(probabilities).boxed().toArray(Double[]::new));
    }
  }

  /**
   * The V2 request of lgbserver's own unit test (python/lgbserver/lgbserver/test_model.py) gets the
   * probabilities that test expects, through the server's JSON encoding of FP64.
   */
  @Test
  void lightgbmAnswersLgbserversOwnV2RequestAsItsTestExpects() throws Exception {
    String request =
        "{\"inputs\":[{\"name\":\"input-0\",\"shape\":[2,4],\"datatype\":\"FP32\","
            + "\"data\":[[6.8,2.8,4.8,1.6],[6.0,3.4,4.5,1.6]]}]}";
    JsonNode out =
        JSON.readTree(
                post("/v2/models/lightgbm/infer", request.getBytes(StandardCharsets.UTF_8)).body())
            .at("/outputs/0");

    assertThat(out.get("name").asText()).isEqualTo("output-0");
    assertThat(out.get("datatype").asText()).isEqualTo("FP64");
    assertThat(out.get("shape").toString()).isEqualTo("[2,3]");
    assertThat(doubles(out.get("data")))
        .containsExactly(
            new double[] {
              3.7899802486733807e-06, 0.9996982074114203, 0.00029800260833088297,
              5.2172911836629736e-05, 0.99973341723876, 0.000214409849403366
            },
            within(1e-9));
  }
}
