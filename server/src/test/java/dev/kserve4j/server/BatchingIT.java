package dev.kserve4j.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.protobuf.ByteString;
import com.linecorp.armeria.client.grpc.GrpcClients;
import dev.kserve4j.protocol.grpc.v2.GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub;
import dev.kserve4j.protocol.grpc.v2.GRPCInferenceServiceGrpc.GRPCInferenceServiceFutureStub;
import dev.kserve4j.protocol.grpc.v2.ModelInferRequest;
import dev.kserve4j.protocol.grpc.v2.ModelInferResponse;
import dev.kserve4j.runtime.ModelRuntimes;
import dev.kserve4j.server.config.BatchingConfig;
import dev.kserve4j.server.config.ModelConfig;
import dev.kserve4j.server.config.ServerConfig;
import dev.kserve4j.testing.TestModels;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Dynamic batching end to end: the same ONNX MLP served twice, batched (at most 16 rows, 100 ms
 * queue delay, long enough for callers released together to meet in a batch on a loaded machine)
 * and unbatched; many concurrent callers, each with rows no other caller sends, must each get
 * exactly their own rows' outputs, the ones the unbatched model gives, while the batched model's
 * runtime calls really carry several callers' rows.
 */
class BatchingIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int FEATURES = 8;
  private static final int OUTPUTS = 3;
  private static final String BATCHED = "mlp-batched";
  private static final String RELOADED = "mlp-reloaded";
  private static final Pattern SUMMARY_LINE =
      Pattern.compile(
          "^kserve4j_batch_size_(max|count|sum)\\{model_name=\"" + BATCHED + "\"[^}]*\\} (\\S+)$",
          Pattern.MULTILINE);

  private static KServeServer server;
  private static RestClient http;
  private static double tolerance;

  @BeforeAll
  static void start() throws Exception {
    tolerance =
        JSON.readTree(TestModels.file("mlp-onnx", "expected.json").toFile())
            .get("tolerance")
            .asDouble();
    ModelConfig unbatched =
        ModelConfig.of("mlp", TestModels.directory("mlp-onnx")).withFormat("onnx");
    ModelConfig batched =
        ModelConfig.of(BATCHED, TestModels.directory("mlp-onnx"))
            .withFormat("onnx")
            .withBatching(new BatchingConfig(16, 100_000));
    // Waits long for company, so that callers are still queued when it is reloaded.
    ModelConfig reloaded =
        ModelConfig.of(RELOADED, TestModels.directory("mlp-onnx"))
            .withFormat("onnx")
            .withBatching(new BatchingConfig(64, 300_000));
    server =
        KServeServer.start(
            ServerConfig.defaults(List.of(unbatched, batched, reloaded)).onEphemeralPorts(),
            ModelRuntimes.discover(BatchingIT.class.getClassLoader()));
    http = new RestClient(server.httpPort());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** Rows {@code [first, first + count)} of a sequence in which no two rows are equal. */
  private static float[] rows(int first, int count) {
    float[] out = new float[count * FEATURES];
    for (int i = 0; i < out.length; i++) {
      int row = first + i / FEATURES;
      out[i] = (float) (2 * Math.sin(row * 1.7 + (i % FEATURES) * 0.61 + 0.3));
    }
    return out;
  }

  private static String inferBody(String id, float[] rows, int width) {
    return "{\"id\":\""
        + id
        + "\",\"inputs\":[{\"name\":\"input\",\"datatype\":\"FP32\",\"shape\":["
        + rows.length / width
        + ","
        + width
        + "],\"data\":"
        + Arrays.toString(rows)
        + "}]}";
  }

  private static float[] outputOf(RestClient.Reply reply) throws Exception {
    assertThat(reply.status()).as(reply.text()).isEqualTo(200);
    JsonNode data = JSON.readTree(reply.body()).at("/outputs/0/data");
    float[] out = new float[data.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) data.get(i).asDouble();
    }
    return out;
  }

  private static Map<String, Double> batchSummary() {
    Map<String, Double> values = new HashMap<>(Map.of("max", 0.0, "count", 0.0, "sum", 0.0));
    Matcher m = SUMMARY_LINE.matcher(http.get("/metrics").text());
    while (m.find()) {
      values.put(m.group(1), Double.parseDouble(m.group(2)));
    }
    return values;
  }

  @Test
  void bothModelsAnswerTheFrameworksRows() throws Exception {
    JsonNode expected = JSON.readTree(TestModels.file("mlp-onnx", "expected.json").toFile());
    String request = "{\"inputs\":[" + expected.at("/inputs/0").toString() + "]}";
    float[] want = new float[expected.at("/outputs/0/data").size()];
    for (int i = 0; i < want.length; i++) {
      want[i] = (float) expected.at("/outputs/0/data").get(i).asDouble();
    }
    for (String model : List.of("mlp", BATCHED)) {
      assertThat(outputOf(http.post("/v2/models/" + model + "/infer", request)))
          .as(model)
          .containsExactly(want, within((float) tolerance));
    }
  }

  @Test
  void concurrentRestCallersEachGetTheirOwnRows() throws Exception {
    int callers = 64;
    List<String> bodies = new ArrayList<>();
    List<float[]> inputs = new ArrayList<>();
    int nextRow = 0;
    for (int i = 0; i < callers; i++) {
      int count = i % 7 == 0 ? 3 : i % 5 == 0 ? 2 : 1;
      float[] x = rows(nextRow, count);
      nextRow += count;
      inputs.add(x);
      // A few callers send rows of the wrong width: they cannot join a batch of 8-wide rows and
      // must get their own 400 without failing anyone else.
      bodies.add(
          i % 16 == 3
              ? inferBody("r" + i, Arrays.copyOf(x, count * (FEATURES - 1)), FEATURES - 1)
              : inferBody("r" + i, x, FEATURES));
    }
    Map<String, Double> before = batchSummary();

    List<RestClient.Reply> replies = fireAtOnce(bodies);

    int succeeded = 0;
    for (int i = 0; i < callers; i++) {
      RestClient.Reply r = replies.get(i);
      if (i % 16 == 3) {
        assertThat(r.status()).as("caller %d: %s", i, r.text()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).get("error").asText())
            .contains("input 'input'", "expected " + FEATURES);
        continue;
      }
      succeeded++;
      assertThat(JSON.readTree(r.body()).get("id").asText()).isEqualTo("r" + i);
      assertThat(JSON.readTree(r.body()).at("/outputs/0/shape").toString())
          .isEqualTo("[" + inputs.get(i).length / FEATURES + "," + OUTPUTS + "]");
      float[] alone =
          outputOf(
              http.post("/v2/models/mlp/infer", inferBody("alone-" + i, inputs.get(i), FEATURES)));
      assertThat(outputOf(r)).as("caller %d", i).containsExactly(alone, within((float) tolerance));
    }
    Map<String, Double> after = batchSummary();
    assertThat(after.get("max"))
        .as("largest batch; no single caller sends more than 3 rows")
        .isGreaterThan(3.0);
    assertThat(after.get("count") - before.get("count"))
        .as("runtime calls for %d callers", succeeded)
        .isPositive()
        .isLessThan(succeeded);
  }

  /**
   * A reload swaps in a new instance while the old one still holds queued callers: those are
   * answered by the old instance before it is closed, so no caller sees the reload.
   */
  @Test
  void reloadWhileCallersAreQueuedAnswersEveryCaller() throws Exception {
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      bodies.add(inferBody("q" + i, rows(20_000 + i, 1), FEATURES));
    }
    CountDownLatch go = new CountDownLatch(1);
    try (ExecutorService pool = Executors.newFixedThreadPool(bodies.size() + 1)) {
      List<Future<RestClient.Reply>> pending = new ArrayList<>();
      for (String body : bodies) {
        pending.add(
            pool.submit(
                () -> {
                  go.await();
                  return http.post("/v2/models/" + RELOADED + "/infer", body);
                }));
      }
      go.countDown();
      RestClient.Reply reload = http.post("/v2/repository/models/" + RELOADED + "/load", "");
      assertThat(reload.status()).as(reload.text()).isEqualTo(200);
      for (int i = 0; i < bodies.size(); i++) {
        RestClient.Reply r = pending.get(i).get(60, TimeUnit.SECONDS);
        assertThat(r.status()).as("caller %d: %s", i, r.text()).isEqualTo(200);
        float[] alone =
            outputOf(
                http.post(
                    "/v2/models/mlp/infer", inferBody("alone", rows(20_000 + i, 1), FEATURES)));
        assertThat(outputOf(r))
            .as("caller %d", i)
            .containsExactly(alone, within((float) tolerance));
      }
    }
  }

  private static List<RestClient.Reply> fireAtOnce(List<String> bodies) throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    try (ExecutorService pool = Executors.newFixedThreadPool(bodies.size())) {
      List<Future<RestClient.Reply>> pending = new ArrayList<>();
      for (String body : bodies) {
        pending.add(
            pool.submit(
                () -> {
                  go.await();
                  return http.post("/v2/models/" + BATCHED + "/infer", body);
                }));
      }
      go.countDown();
      List<RestClient.Reply> replies = new ArrayList<>();
      for (Future<RestClient.Reply> f : pending) {
        replies.add(f.get(60, TimeUnit.SECONDS));
      }
      return replies;
    }
  }

  private static ModelInferRequest grpcRequest(String model, float[] rows) {
    ByteBuffer raw = ByteBuffer.allocate(rows.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    raw.asFloatBuffer().put(rows);
    return ModelInferRequest.newBuilder()
        .setModelName(model)
        .addInputs(
            ModelInferRequest.InferInputTensor.newBuilder()
                .setName("input")
                .setDatatype("FP32")
                .addShape(rows.length / FEATURES)
                .addShape(FEATURES))
        .addRawInputContents(ByteString.copyFrom(raw))
        .build();
  }

  private static float[] floats(ModelInferResponse r) {
    ByteBuffer b = r.getRawOutputContents(0).asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    float[] out = new float[b.remaining() / Float.BYTES];
    b.asFloatBuffer().get(out);
    return out;
  }

  @Test
  void concurrentGrpcCallersEachGetTheirOwnRows() throws Exception {
    String uri = "http://127.0.0.1:" + server.grpcPort();
    GRPCInferenceServiceFutureStub async =
        GrpcClients.newClient(uri, GRPCInferenceServiceFutureStub.class);
    GRPCInferenceServiceBlockingStub blocking =
        GrpcClients.newClient(uri, GRPCInferenceServiceBlockingStub.class);
    int callers = 32;
    List<float[]> inputs = new ArrayList<>();
    List<ListenableFuture<ModelInferResponse>> pending = new ArrayList<>();
    int nextRow = 10_000;
    for (int i = 0; i < callers; i++) {
      int count = i % 4 == 0 ? 2 : 1;
      inputs.add(rows(nextRow, count));
      nextRow += count;
    }
    Map<String, Double> before = batchSummary();
    for (float[] x : inputs) {
      pending.add(
          async.withDeadlineAfter(60, TimeUnit.SECONDS).modelInfer(grpcRequest(BATCHED, x)));
    }

    for (int i = 0; i < callers; i++) {
      ModelInferResponse batched = pending.get(i).get(60, TimeUnit.SECONDS);
      ModelInferResponse alone = blocking.modelInfer(grpcRequest("mlp", inputs.get(i)));
      assertThat(batched.getOutputs(0).getShapeList())
          .containsExactly((long) inputs.get(i).length / FEATURES, (long) OUTPUTS);
      assertThat(floats(batched))
          .as("caller %d", i)
          .containsExactly(floats(alone), within((float) tolerance));
    }
    assertThat(batchSummary().get("count") - before.get("count"))
        .as("runtime calls for %d gRPC callers", callers)
        .isPositive()
        .isLessThan(callers);
  }
}
