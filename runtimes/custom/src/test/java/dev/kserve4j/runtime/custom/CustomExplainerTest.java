package dev.kserve4j.runtime.custom;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.kserve4j.protocol.Datatype;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.protocol.ModelMetadata;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.protocol.TensorMetadata;
import dev.kserve4j.runtime.CustomModel;
import dev.kserve4j.runtime.JsonReply;
import dev.kserve4j.runtime.Model;
import dev.kserve4j.runtime.ModelSpec;
import dev.kserve4j.runtime.Predictor;
import dev.kserve4j.runtime.TransformerStages;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@link CustomModel} with its own explain as KServe's explainer, calling a real predictor over
 * HTTP (a server on a loopback socket answering V1 and V2 as a threshold classifier): explanations
 * over both protocols, the call's request id and trace context on every predictor call, the
 * predictor's errors, an unreachable and a silent predictor, and the model's own predict when no
 * predictor host is given.
 */
class CustomExplainerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ROWS =
      "{\"instances\": [[6.0, 1.0, 1.0, 1.0], [1.0, 1.0, 1.0, 1.0]]}";

  @TempDir Path dir;

  private HttpServer predictor;
  private ExecutorService threads;
  private final List<Map<String, List<String>>> seen = new CopyOnWriteArrayList<>();
  private final CountDownLatch released = new CountDownLatch(1);
  private volatile int failWith;

  /** Explains each row by the features whose zeroing changes the predictor's label. */
  public static class Zeroing extends CustomModel {
    @Override
    public void load(ModelSpec spec) {}

    @Override
    public InferResponse predict(InferRequest request) {
      double[] x = request.inputs().get(0).doubles();
      long[] labels = new long[x.length / 4];
      for (int r = 0; r < labels.length; r++) {
        labels[r] = x[r * 4] > 5 ? 1 : 0;
      }
      return InferResponse.of(
          request.modelName(),
          List.of(Tensor.ofLongs("label", new long[] {labels.length}, labels)));
    }

    @Override
    public Object explain(InferRequest request, Map<String, String> headers, Predictor predictor) {
      double[] x = request.inputs().get(0).doubles();
      List<Map<String, Object>> explanations = new ArrayList<>();
      for (int r = 0; r < x.length / 4; r++) {
        double[] row = java.util.Arrays.copyOfRange(x, r * 4, r * 4 + 4);
        long base = label(predictor, request, row);
        List<Integer> decisive = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
          double[] zeroed = row.clone();
          zeroed[i] = 0;
          if (label(predictor, request, zeroed) != base) {
            decisive.add(i);
          }
        }
        explanations.add(Map.of("prediction", base, "decisive", decisive));
      }
      return Map.of("explanations", explanations, "by", predictor.name());
    }

    private static long label(Predictor predictor, InferRequest request, double[] row) {
      Tensor one = Tensor.ofDoubles("x", new long[] {1, 4}, row);
      return (long)
          predictor.predict(request.withInputs(List.of(one))).outputs().get(0).getAsDouble(0);
    }

    @Override
    public ModelMetadata metadata() {
      return new ModelMetadata(
          "zeroing",
          List.of(),
          "custom",
          List.of(new TensorMetadata("x", Datatype.FP64, new long[] {-1, 4})),
          List.of(new TensorMetadata("label", Datatype.INT64, new long[] {-1})));
    }
  }

  /** Predicts by itself: no explain of its own. */
  public static class NoExplain extends Zeroing {
    @Override
    public Object explain(InferRequest request, Map<String, String> headers, Predictor predictor) {
      return super.explain(request, headers, predictor);
    }
  }

  @BeforeEach
  void startPredictor() throws IOException {
    threads = Executors.newCachedThreadPool();
    predictor = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    predictor.setExecutor(threads);
    predictor.createContext("/v1/models/m:predict", e -> answer(e, false));
    predictor.createContext("/v2/models/m/infer", e -> answer(e, true));
    predictor.createContext(
        "/v1/models/slow:predict",
        e -> {
          try {
            released.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
          }
          e.close();
        });
    predictor.start();
  }

  @AfterEach
  void stopPredictor() {
    released.countDown();
    predictor.stop(0);
    threads.shutdownNow();
  }

  /** A threshold classifier: label 1 when the row's first feature is over 5. */
  private void answer(HttpExchange e, boolean v2) throws IOException {
    seen.add(new HashMap<>(e.getRequestHeaders()));
    JsonNode request = JSON.readTree(e.getRequestBody());
    byte[] body;
    int status = failWith == 0 ? 200 : failWith;
    if (failWith != 0) {
      body = "{\"error\": \"model m is overloaded\"}".getBytes(UTF_8);
    } else {
      List<Long> labels = new ArrayList<>();
      if (v2) {
        JsonNode data = request.get("inputs").get(0).get("data");
        for (int r = 0; r < data.size() / 4; r++) {
          labels.add(data.get(r * 4).asDouble() > 5 ? 1L : 0L);
        }
        body =
            JSON.writeValueAsBytes(
                Map.of(
                    "model_name",
                    "m",
                    "outputs",
                    List.of(
                        Map.of(
                            "name",
                            "label",
                            "datatype",
                            "INT64",
                            "shape",
                            List.of(labels.size()),
                            "data",
                            labels))));
      } else {
        for (JsonNode row : request.get("instances")) {
          labels.add(row.get(0).asDouble() > 5 ? 1L : 0L);
        }
        body = JSON.writeValueAsBytes(Map.of("predictions", labels));
      }
    }
    e.getResponseHeaders().add("content-type", "application/json");
    e.sendResponseHeaders(status, body.length);
    e.getResponseBody().write(body);
    e.close();
  }

  private String host() {
    return "127.0.0.1:" + predictor.getAddress().getPort();
  }

  private Model load(String name, Class<?> type, Map<String, String> more) {
    Map<String, String> options = new HashMap<>(more);
    options.put(CustomModel.MODEL_CLASS_OPTION, type.getName());
    return new CustomRuntimeProvider().load(new ModelSpec(name, null, dir, options));
  }

  private Model withPredictor(String name, String protocol) {
    return load(
        name,
        Zeroing.class,
        Map.of(
            TransformerStages.PREDICTOR_HOST_OPTION,
            host(),
            TransformerStages.PREDICTOR_PROTOCOL_OPTION,
            protocol,
            TransformerStages.PREDICTOR_TIMEOUT_OPTION,
            "1"));
  }

  private static JsonReply explain(Model model, String body, Map<String, String> headers) {
    return model.explainer().orElseThrow().predict(body.getBytes(UTF_8), headers);
  }

  private static JsonNode json(JsonReply reply) throws IOException {
    return JSON.readTree(reply.body());
  }

  private static final String EXPECTED =
      "[{\"prediction\":1,\"decisive\":[0]},{\"prediction\":0,\"decisive\":[]}]";

  @Test
  void explainsThroughAV1PredictorForwardingTheRequestIdAndTraceContext() throws Exception {
    try (Model model = withPredictor("m", "v1")) {
      JsonReply reply =
          explain(
              model,
              ROWS,
              Map.of(
                  "x-request-id", "req-9", "traceparent", "00-abc-def-01", "authorization", "x"));

      assertThat(reply.status()).as(new String(reply.body(), UTF_8)).isEqualTo(200);
      assertThat(json(reply).get("explanations")).isEqualTo(JSON.readTree(EXPECTED));
      assertThat(json(reply).get("by").asText()).isEqualTo("predictor at " + host());
      assertThat(seen).hasSize(10); // per row: the row, then each of its 4 features zeroed
      assertThat(seen)
          .allSatisfy(
              h -> {
                assertThat(h.get("X-request-id")).containsExactly("req-9");
                assertThat(h.get("Traceparent")).containsExactly("00-abc-def-01");
                assertThat(h).doesNotContainKey("Authorization");
              });
    }
  }

  @Test
  void explainsThroughAV2PredictorForV2AndGrpcV2() throws Exception {
    for (String protocol : List.of("v2", "grpc-v2")) {
      try (Model model = withPredictor("m", protocol)) {
        JsonReply reply = explain(model, ROWS, Map.of());

        assertThat(reply.status()).as(new String(reply.body(), UTF_8)).isEqualTo(200);
        assertThat(json(reply).get("explanations")).isEqualTo(JSON.readTree(EXPECTED));
      }
    }
  }

  @Test
  void aPredictorErrorKeepsItsStatusNamingThePredictor() throws Exception {
    failWith = 503;
    try (Model model = withPredictor("m", "v1")) {
      JsonReply reply = explain(model, ROWS, Map.of());

      assertThat(reply.status()).isEqualTo(503);
      assertThat(json(reply).get("error").asText())
          .isEqualTo("predictor at " + host() + ": model m is overloaded");
    }
  }

  @Test
  void anUnreachablePredictorIs502AndASilentOne504() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    try (Model model =
        load(
            "m",
            Zeroing.class,
            Map.of(TransformerStages.PREDICTOR_HOST_OPTION, "127.0.0.1:" + closed))) {
      JsonReply reply = explain(model, ROWS, Map.of());

      assertThat(reply.status()).isEqualTo(502);
      assertThat(json(reply).get("error").asText())
          .startsWith("predictor at 127.0.0.1:" + closed + ": unreachable");
    }
    try (Model model = withPredictor("slow", "v1")) {
      JsonReply reply = explain(model, ROWS, Map.of());

      assertThat(reply.status()).isEqualTo(504);
      assertThat(json(reply).get("error").asText())
          .isEqualTo("predictor at " + host() + ": no answer within 1 s");
    }
  }

  @Test
  void withoutAPredictorHostTheModelsOwnPredictAnswers() throws Exception {
    try (Model model = load("m", Zeroing.class, Map.of())) {
      JsonReply reply = explain(model, ROWS, Map.of());

      assertThat(reply.status()).isEqualTo(200);
      assertThat(json(reply).get("explanations")).isEqualTo(JSON.readTree(EXPECTED));
      assertThat(json(reply).get("by").asText()).isEqualTo("model 'm'");
      assertThat(seen).isEmpty();
    }
  }

  @Test
  void aBodyThatIsNoInstancesIs400AndTheModelKeepsExplaining() throws Exception {
    try (Model model = withPredictor("m", "v1")) {
      JsonReply bad = explain(model, "{\"rows\": []}", Map.of());

      assertThat(bad.status()).isEqualTo(400);
      assertThat(json(bad).get("error").asText()).contains("instances");
      assertThat(explain(model, ROWS, Map.of()).status()).isEqualTo(200);
    }
  }

  @Test
  void onlyAClassDefiningExplainIsAnExplainer() {
    try (Model plain = load("m", CustomTransformerTest.Plain.class, Map.of());
        Model inherited = load("m", NoExplain.class, Map.of())) {
      assertThat(plain.explainer()).isEmpty();
      assertThat(inherited.explainer()).isPresent();
    }
  }

  @Test
  void aBadPredictorProtocolFailsTheLoadNamingTheOption() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                load(
                    "m",
                    Zeroing.class,
                    Map.of(
                        TransformerStages.PREDICTOR_HOST_OPTION,
                        host(),
                        TransformerStages.PREDICTOR_PROTOCOL_OPTION,
                        "v3")))
        .hasMessage("model 'm': option predictorProtocol=v3 (expected one of v1, v2, grpc-v2)");
  }
}
