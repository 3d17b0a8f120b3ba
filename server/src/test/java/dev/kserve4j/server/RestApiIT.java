package dev.kserve4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kserve4j.runtime.ModelRuntimes;
import dev.kserve4j.server.config.ModelConfig;
import dev.kserve4j.server.config.ServerConfig;
import dev.kserve4j.testing.TestModels;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The REST API (V1 and V2) end to end: a real server on a loopback port, a real HTTP client. */
class RestApiIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ROWS =
      "[[5.1, 3.5, 1.4, 0.2], [7.0, 3.2, 4.7, 1.4], [6.3, 3.3, 6.0, 2.5]]";
  private static final String INFER =
      "{\"id\":\"r1\",\"inputs\":[{\"name\":\"float_input\",\"shape\":[3,4],\"datatype\":\"FP32\",\"data\":"
          + ROWS
          + "}]}";

  private static KServeServer server;
  private static RestClient http;

  @BeforeAll
  static void start() {
    ServerConfig config =
        ServerConfig.defaults(
                List.of(
                    new ModelConfig(
                        "iris", "1", TestModels.directory("iris-onnx"), "onnx", Map.of(), null),
                    ModelConfig.of("iris-detected", TestModels.directory("iris-onnx"))))
            .onEphemeralPorts()
            .withMaxRequestBytes(64 * 1024);
    server = KServeServer.start(config, ModelRuntimes.discover(RestApiIT.class.getClassLoader()));
    http = new RestClient(server.httpPort());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static JsonNode json(RestClient.Reply r) throws Exception {
    return JSON.readTree(r.body());
  }

  private static void assertStillServes() throws Exception {
    RestClient.Reply r = http.post("/v2/models/iris/infer", INFER);
    assertThat(r.status()).isEqualTo(200);
    assertThat(json(r).at("/outputs/0/data").toString()).isEqualTo("[0,1,2]");
  }

  @Test
  void healthAndServerMetadata() throws Exception {
    assertThat(json(http.get("/v2/health/live")).get("live").asBoolean()).isTrue();
    assertThat(http.get("/v2/health/ready").status()).isEqualTo(200);
    JsonNode meta = json(http.get("/v2"));
    assertThat(meta.get("name").asText()).isEqualTo("kserve4j");
    assertThat(meta.get("extensions").toString())
        .contains("binary_tensor_data", "model_repository");
  }

  @Test
  void modelMetadataComesFromTheGraphUnderTheServedName() throws Exception {
    JsonNode meta = json(http.get("/v2/models/iris"));
    assertThat(meta.get("name").asText()).isEqualTo("iris");
    assertThat(meta.get("versions").toString()).isEqualTo("[\"1\"]");
    assertThat(meta.at("/inputs/0/name").asText()).isEqualTo("float_input");
    assertThat(meta.at("/inputs/0/shape").toString()).isEqualTo("[-1,4]");
    assertThat(json(http.get("/v2/models/iris/versions/1")).get("name").asText()).isEqualTo("iris");
    assertThat(json(http.get("/v2/models/iris-detected")).get("platform").asText())
        .contains("onnx");
    assertThat(http.get("/v2/models/iris/ready").status()).isEqualTo(200);
    assertThat(http.get("/v2/models/iris/versions/1/ready").status()).isEqualTo(200);
  }

  @Test
  void inferJsonReturnsEveryOutputWithTheRequestId() throws Exception {
    RestClient.Reply r = http.post("/v2/models/iris/versions/1/infer", INFER);
    assertThat(r.status()).isEqualTo(200);
    JsonNode body = json(r);
    assertThat(body.get("model_name").asText()).isEqualTo("iris");
    assertThat(body.get("model_version").asText()).isEqualTo("1");
    assertThat(body.get("id").asText()).isEqualTo("r1");
    assertThat(body.at("/outputs/0/name").asText()).isEqualTo("label");
    assertThat(body.at("/outputs/0/datatype").asText()).isEqualTo("INT64");
    assertThat(body.at("/outputs/0/data").toString()).isEqualTo("[0,1,2]");
    assertThat(body.at("/outputs/1/shape").toString()).isEqualTo("[3,3]");
  }

  @Test
  void requestedBinaryOutputComesBackAsRawLittleEndianBytes() throws Exception {
    String req =
        "{\"inputs\":[{\"name\":\"float_input\",\"shape\":[3,4],\"datatype\":\"FP32\",\"data\":"
            + ROWS
            + "}],\"outputs\":[{\"name\":\"label\",\"parameters\":{\"binary_data\":true}}]}";
    RestClient.Reply r = http.post("/v2/models/iris/infer", req);
    assertThat(r.status()).isEqualTo(200);
    int jsonLength = Integer.parseInt(r.header("Inference-Header-Content-Length"));
    JsonNode head = JSON.readTree(new String(r.body(), 0, jsonLength, StandardCharsets.UTF_8));
    assertThat(head.at("/outputs").size()).isEqualTo(1);
    assertThat(head.at("/outputs/0/parameters/binary_data_size").asInt()).isEqualTo(24);
    ByteBuffer raw = ByteBuffer.wrap(r.body(), jsonLength, 24).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(new long[] {raw.getLong(), raw.getLong(), raw.getLong()}).containsExactly(0, 1, 2);
  }

  @Test
  void binaryInputIsAccepted() throws Exception {
    float[] rows = {5.1f, 3.5f, 1.4f, 0.2f, 6.3f, 3.3f, 6.0f, 2.5f};
    String head =
        "{\"inputs\":[{\"name\":\"float_input\",\"shape\":[2,4],\"datatype\":\"FP32\",\"parameters\":{\"binary_data_size\":32}}]}";
    byte[] json = head.getBytes(StandardCharsets.UTF_8);
    ByteBuffer body = ByteBuffer.allocate(json.length + 32).order(ByteOrder.LITTLE_ENDIAN);
    body.put(json);
    for (float f : rows) {
      body.putFloat(f);
    }
    RestClient.Reply r =
        http.post(
            "/v2/models/iris/infer",
            body.array(),
            Map.of("Inference-Header-Content-Length", Integer.toString(json.length)));
    assertThat(r.status()).isEqualTo(200);
    assertThat(json(r).at("/outputs/0/data").toString()).isEqualTo("[0,2]");
  }

  @Test
  void v1PredictAnswersWithThePredictionsOfTheFirstOutput() throws Exception {
    RestClient.Reply r = http.post("/v1/models/iris:predict", "{\"instances\": " + ROWS + "}");
    assertThat(r.status()).isEqualTo(200);
    assertThat(json(r).get("predictions").toString()).isEqualTo("[0,1,2]");
    assertThat(json(http.get("/v1/models")).get("models").toString()).contains("\"iris\"");
    assertThat(json(http.get("/v1/models/iris")).get("ready").asBoolean()).isTrue();
  }

  @Test
  void v1ExplainIsNotImplementedYetAndSaysSo() throws Exception {
    RestClient.Reply r = http.post("/v1/models/iris:explain", "{\"instances\": " + ROWS + "}");
    assertThat(r.status()).isEqualTo(501);
    assertThat(json(r).get("error").asText()).contains("explain");
    assertThat(http.post("/v1/models/nope:explain", "{}").status()).isEqualTo(404);
  }

  @Test
  void badInputGetsAClearErrorAndTheModelKeepsServing() throws Exception {
    record Case(String path, String body, int status, String message) {}
    List<Case> cases =
        List.of(
            new Case("/v2/models/iris/infer", "{\"inputs\": [", 400, ""),
            new Case("/v2/models/nope/infer", INFER, 404, "nope"),
            new Case("/v2/models/iris/versions/7/infer", INFER, 404, "version '7'"),
            new Case("/v2/models/iris/infer", INFER.replace("FP32", "FP33"), 400, "FP33"),
            new Case("/v2/models/iris/infer", INFER.replace("[3,4]", "[3,5]"), 400, "[3, 5]"),
            new Case(
                "/v2/models/iris/infer", INFER.replace("float_input", "petals"), 400, "petals"),
            new Case("/v2/models/iris/infer", INFER.replace("5.1", "\"abc\""), 400, "abc"),
            new Case(
                "/v2/models/iris/infer",
                INFER.replace("}]}", "}],\"outputs\":[{\"name\":\"nope\"}]}"),
                400,
                "nope"),
            new Case("/v1/models/iris:predict", "{\"instancez\": []}", 400, "instances"),
            new Case("/v1/models/nope:predict", "{\"instances\": " + ROWS + "}", 404, "nope"),
            new Case("/v2/repository/models/nope/load", "", 404, "nope"),
            // The HTTP layer refuses '..' segments before a route runs; the name rule catches the
            // rest.
            new Case("/v2/repository/models/..%2F../load", "", 400, "Invalid request path"),
            new Case("/v2/repository/models/..%2Fx/load", "", 400, "Invalid request path"),
            new Case("/v2/repository/models/a%2Fb/load", "", 400, "model name 'a/b' is invalid"),
            new Case("/v2/repository/models/%2E%2E/load", "", 400, "Invalid request path"),
            new Case(
                "/v2/repository/models/.hidden/load", "", 400, "model name '.hidden' is invalid"),
            new Case("/v2/repository/models/a%20b/load", "", 400, "regex used for validation"));
    for (Case c : cases) {
      RestClient.Reply r = http.post(c.path(), c.body());
      assertThat(r.status()).as(c.path() + " " + c.body()).isEqualTo(c.status());
      assertThat(json(r).get("error").asText()).as(c.path()).contains(c.message());
      assertStillServes();
    }
    assertThat(http.get("/v2/models/nope").status()).isEqualTo(404);
    assertThat(http.get("/nowhere").status()).isEqualTo(404);
    assertThat(json(http.get("/nowhere")).get("error").asText()).contains("/nowhere");
  }

  @Test
  void bodyOverTheLimitGets413AndTheModelKeepsServing() throws Exception {
    byte[] big = new byte[100 * 1024];
    java.util.Arrays.fill(big, (byte) ' ');
    RestClient.Reply r = http.post("/v2/models/iris/infer", big, Map.of());
    assertThat(r.status()).isEqualTo(413);
    assertThat(json(r).get("error").asText()).contains("65536");
    assertStillServes();
  }

  @Test
  void repositoryUnloadAndLoadChangeReadiness() throws Exception {
    assertThat(json(http.post("/v2/repository/index", "{}")).toString())
        .contains("\"iris-detected\"", "READY");
    assertThat(http.post("/v2/repository/models/iris-detected/unload", "").status()).isEqualTo(200);
    assertThat(http.get("/v2/models/iris-detected/ready").status()).isEqualTo(503);
    assertThat(http.get("/v2/health/ready").status()).isEqualTo(503);
    RestClient.Reply r = http.post("/v2/models/iris-detected/infer", INFER);
    assertThat(r.status()).isEqualTo(503);
    assertThat(json(r).get("error").asText()).contains("not ready");
    assertThat(json(http.post("/v2/repository/index", "{\"ready\": true}")).toString())
        .doesNotContain("iris-detected");
    assertThat(http.post("/v2/repository/models/iris-detected/load", "").status()).isEqualTo(200);
    assertThat(http.get("/v2/models/iris-detected/ready").status()).isEqualTo(200);
    assertThat(http.post("/v2/models/iris-detected/infer", INFER).status()).isEqualTo(200);
  }

  @Test
  void metricsCountRequestsPerModel() throws Exception {
    assertStillServes();
    http.post("/v2/models/iris/infer", "{");
    String metrics = http.get("/metrics").text();
    assertThat(metrics).contains("request_predict_seconds_bucket{model_name=\"iris\"");
    assertThat(metrics)
        .containsPattern(
            "kserve4j_inference_requests_total\\{model_name=\"iris\",outcome=\"success\",protocol=\"v2-rest\"\\}");
    assertThat(metrics)
        .containsPattern(
            "kserve4j_inference_requests_total\\{model_name=\"iris\",outcome=\"client_error\",protocol=\"v2-rest\"\\}");
    assertThat(metrics).contains("kserve4j_request_duration_seconds_bucket");
  }
}
