package dev.kserve4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kserve4j.common.testing.Required;
import dev.kserve4j.runtime.JsonReply;
import dev.kserve4j.runtime.ModelRuntimes;
import dev.kserve4j.server.config.ModelConfig;
import dev.kserve4j.server.config.ServerConfig;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A custom Python model as an InferenceGraph node, over a real socket and through the server's
 * in-process entry point ({@link JsonInference}), which must answer exactly as the socket does.
 */
class PythonJsonIT {
  private static final String PYTHON = "/usr/bin/python3";
  private static final String PREDICT = "/v1/models/node:predict";

  private static KServeServer server;
  private static RestClient http;

  @BeforeAll
  static void start() throws Exception {
    Required.that(canImportNumpy(), PYTHON + " cannot import numpy (install python3-numpy)");
    Path dir = Path.of(resource("/python-models/graph-node"));
    server =
        KServeServer.start(
            ServerConfig.defaults(
                    List.of(
                        new ModelConfig(
                            "node", null, dir, "python", Map.of("python", PYTHON), null)))
                .onEphemeralPorts(),
            ModelRuntimes.discover(PythonJsonIT.class.getClassLoader()));
    http = new RestClient(server.httpPort());
  }

  private static java.net.URI resource(String name) throws URISyntaxException {
    return PythonJsonIT.class.getResource(name).toURI();
  }

  static boolean canImportNumpy() {
    try {
      Process p =
          new ProcessBuilder(PYTHON, "-c", "import numpy").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (Exception e) {
      return false;
    }
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static JsonReply inProcess(String model, String body) {
    return server
        .inference()
        .v1Predict(model, utf8(body), Map.of("Content-Type", "application/json"))
        .join();
  }

  @Test
  void aGraphNodeGetsItsInstancesAsJsonAndItsDictComesBackExactly() {
    String body = "{\"instances\":[{\"text\":\"hi\"}]}";

    RestClient.Reply socket = http.post(PREDICT, body);
    JsonReply direct = inProcess("node", body);

    assertThat(socket.status()).isEqualTo(200);
    assertThat(socket.header("content-type")).startsWith("application/json");
    assertThat(socket.text()).isEqualTo("{\"predictions\":[{\"message\":\"SUCCESS\"}]}");
    assertThat(direct.status()).isEqualTo(200);
    assertThat(direct.json()).isTrue();
    assertThat(direct.body()).isEqualTo(socket.body());
  }

  @Test
  void anHttpExceptionAndAnUnknownModelAnswerTheSameInProcessAsOverTheSocket() {
    String bad = "{\"instances\": \"oops\"}";

    RestClient.Reply socketBad = http.post(PREDICT, bad);
    JsonReply directBad = inProcess("node", bad);
    RestClient.Reply socketMissing = http.post("/v1/models/nope:predict", bad);
    JsonReply directMissing = inProcess("nope", bad);

    assertThat(socketBad.status()).isEqualTo(400);
    assertThat(socketBad.text()).isEqualTo("{\"detail\":\"instances must be a list\"}");
    assertThat(directBad.status()).isEqualTo(400);
    assertThat(directBad.body()).isEqualTo(socketBad.body());
    assertThat(socketMissing.status()).isEqualTo(404);
    assertThat(socketMissing.text()).startsWith("{\"error\":\"");
    assertThat(directMissing.status()).isEqualTo(404);
    assertThat(directMissing.body()).isEqualTo(socketMissing.body());
  }

  @Test
  void theRequestHeadersReachTheModelWithLowerCaseNames() {
    RestClient.Reply socket =
        http.post(PREDICT, utf8("{\"headers\": true}"), Map.of("X-Trace", "t-1"));
    JsonReply direct =
        server
            .inference()
            .v1Predict("node", utf8("{\"headers\": true}"), Map.of("X-Trace", "t-1"))
            .join();

    assertThat(socket.text()).isEqualTo("{\"x-trace\":\"t-1\",\"has-host\":true}");
    assertThat(new String(direct.body(), StandardCharsets.UTF_8))
        .isEqualTo("{\"x-trace\":\"t-1\",\"has-host\":false}");
  }

  @Test
  void v2TensorsStillReachTheModelAsAnInferRequestThroughBothWays() {
    String body =
        "{\"inputs\":[{\"name\":\"x\",\"shape\":[2],\"datatype\":\"FP64\",\"data\":[1.5,2]}]}";

    RestClient.Reply socket = http.post("/v2/models/node/infer", body);
    JsonReply direct = server.inference().v2Infer("node", utf8(body), Map.of()).join();

    assertThat(socket.status()).as(socket.text()).isEqualTo(200);
    assertThat(socket.text()).contains("\"data\":[3.0,4.0]");
    assertThat(direct.status()).isEqualTo(200);
    assertThat(direct.body()).isEqualTo(socket.body());
  }

  @Test
  void bothWaysAreCountedInTheRequestMetrics() {
    double before = requests("success");
    double clientErrorsBefore = requests("client_error");

    http.post(PREDICT, "{\"instances\":[]}");
    inProcess("node", "{\"instances\":[]}");
    inProcess("node", "{\"instances\": 1}");

    assertThat(requests("success")).isEqualTo(before + 2);
    assertThat(requests("client_error")).isEqualTo(clientErrorsBefore + 1);
  }

  /** The value of kserve4j_inference_requests_total for model node on V1 with {@code outcome}. */
  private static double requests(String outcome) {
    return http.get("/metrics")
        .text()
        .lines()
        .filter(l -> l.startsWith("kserve4j_inference_requests_total{"))
        .filter(l -> l.contains("model_name=\"node\""))
        .filter(l -> l.contains("protocol=\"v1\""))
        .filter(l -> l.contains("outcome=\"" + outcome + "\""))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }
}
