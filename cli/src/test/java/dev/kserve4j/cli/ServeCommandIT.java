package dev.kserve4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kserve4j.common.testing.Required;
import dev.kserve4j.testing.TestModels;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code kserve4j serve} as users run it: the real command in a child JVM on free ports, checked
 * through its exit status, its output and real HTTP calls.
 */
class ServeCommandIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Path LIGHTGBM = Path.of("/work/shared/fixtures/kserve-examples/lightgbm");

  /** A V2 request with the first {@code rows} rows of a test model's golden inputs. */
  static String goldenRequest(JsonNode expected, int rows) {
    JsonNode input = expected.at("/inputs/0");
    int width = input.at("/shape/1").asInt();
    ObjectNode in =
        JSON.createObjectNode()
            .put("name", input.get("name").asText())
            .put("datatype", input.get("datatype").asText());
    in.putArray("shape").add(rows).add(width);
    var data = in.putArray("data");
    for (int i = 0; i < rows * width; i++) {
      data.add(input.at("/data").get(i).asDouble());
    }
    ObjectNode req = JSON.createObjectNode();
    req.putArray("inputs").add(in);
    return req.toString();
  }

  /** Asserts that a V2 response holds the golden outputs of the first {@code rows} rows. */
  static void assertGolden(JsonNode response, JsonNode expected, int rows) {
    double tolerance = expected.get("tolerance").asDouble();
    for (JsonNode want : expected.get("outputs")) {
      JsonNode got = null;
      for (JsonNode o : response.get("outputs")) {
        got = o.get("name").asText().equals(want.get("name").asText()) ? o : got;
      }
      assertThat(got).as("output %s in %s", want.get("name"), response).isNotNull();
      int width = want.get("shape").size() > 1 ? want.at("/shape/1").asInt() : 1;
      assertThat(got.at("/shape/0").asInt()).isEqualTo(rows);
      for (int i = 0; i < rows * width; i++) {
        assertThat(got.at("/data").get(i).asDouble())
            .as("%s[%d]", want.get("name").asText(), i)
            .isCloseTo(want.at("/data").get(i).asDouble(), within(tolerance));
      }
    }
  }

  static JsonNode golden(String model) throws IOException {
    return JSON.readTree(TestModels.file(model, "expected.json").toFile());
  }

  static HttpResponse<String> get(HttpClient client, String url)
      throws IOException, InterruptedException {
    return client.send(
        HttpRequest.newBuilder(URI.create(url)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static HttpRequest post(String url, String json) {
    return HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json))
        .build();
  }

  static JsonNode postJson(HttpClient client, String url, String json) throws Exception {
    HttpResponse<String> r = client.send(post(url, json), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as("POST %s -> %s", url, r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  static HttpClient newClient() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  @Nested
  class Arguments {
    @Test
    void topLevelHelpListsTheServeCommand() {
      Kserve4jProcess p = Kserve4jProcess.run("--help");

      assertThat(p.exitCode()).as(p.output()).isZero();
      assertThat(p.stdout()).contains("Usage: kserve4j", "serve", "--help", "--version");
    }

    @Test
    void serveHelpListsEveryContractFlag() {
      Kserve4jProcess p = Kserve4jProcess.run("serve", "--help");

      assertThat(p.exitCode()).as(p.output()).isZero();
      assertThat(p.stdout())
          .contains(
              "Usage: kserve4j serve",
              "--model-dir",
              "--model-name",
              "--model-format",
              "--http-port",
              "--grpc-port",
              "--host",
              "--config",
              "--max-batch-size",
              "--max-queue-delay-us",
              "--drain-timeout");
    }

    @Test
    void unknownFlagExitsTwoNamingIt() {
      Kserve4jProcess p = Kserve4jProcess.run("serve", "--model-dri", "x");

      assertThat(p.exitCode()).isEqualTo(2);
      assertThat(p.stderr())
          .contains("Unknown option", "'--model-dri'", "Possible solutions: --model-dir");
    }

    @Test
    void missingModelDirExitsWithAMessage() {
      Kserve4jProcess p = Kserve4jProcess.run("serve", "--model-name", "iris");

      assertThat(p.exitCode()).isEqualTo(2);
      assertThat(p.stderr()).contains("missing --model-dir DIR (or --config FILE)");
    }

    @Test
    void unknownFormatListsTheKnownOnes() {
      Kserve4jProcess p =
          Kserve4jProcess.run(
              "serve",
              "--model-dir",
              TestModels.directory("iris-onnx").toString(),
              "--model-format",
              "bogus",
              "--http-port",
              "0");

      assertThat(p.exitCode()).isEqualTo(2);
      assertThat(p.stderr())
          .contains(
              "--model-format: 'bogus' (expected: one of [custom, gguf, huggingface, lightgbm,"
                  + " onnx, openai, pmml, python, pytorch, sklearn, tensorflow, xgboost])");
    }

    @Test
    void outOfRangePortNamesTheFlag() {
      Kserve4jProcess p = Kserve4jProcess.run("serve", "--model-dir", "x", "--http-port", "70000");

      assertThat(p.exitCode()).isEqualTo(2);
      assertThat(p.stderr()).contains("--http-port: 70000 (expected: 0..65535");
    }

    @Test
    void modelFlagsWithConfigAreRefused(@TempDir Path dir) {
      Kserve4jProcess p =
          Kserve4jProcess.run(
              "serve", "--config", dir.resolve("m.yaml").toString(), "--model-name", "iris");

      assertThat(p.exitCode()).isEqualTo(2);
      assertThat(p.stderr()).contains("--model-name", "apply to --model-dir only");
    }
  }

  @Nested
  class UnloadableModels {
    @Test
    void corruptOnnxFileIsNamedWithTheReason(@TempDir Path dir) throws IOException {
      Path model = Files.write(dir.resolve("model.onnx"), "not a protobuf".getBytes());

      Kserve4jProcess p =
          Kserve4jProcess.run(
              "serve", "--model-dir", dir.toString(), "--http-port", "0", "--grpc-port", "0");

      assertThat(p.exitCode()).isEqualTo(1);
      assertThat(p.stderr())
          .contains("kserve4j: model '" + dir.getFileName() + "'", model.toString())
          .containsIgnoringCase("protobuf parsing failed")
          .doesNotContain("\tat ");
      assertThat(p.stdout()).doesNotContain("kserve4j ready");
    }

    @Test
    void cudaWithoutAGpuBuildFailsTheLoadInsteadOfFallingBack() {
      Kserve4jProcess p =
          Kserve4jProcess.run(
              "serve",
              "--model-dir",
              TestModels.directory("iris-onnx").toString(),
              "--device",
              "cuda",
              "--http-port",
              "0");

      assertThat(p.exitCode()).isEqualTo(1);
      assertThat(p.stderr()).contains("option device asks for CUDA but this ONNX Runtime has only");
      Kserve4jProcess bad =
          Kserve4jProcess.run(
              "serve",
              "--model-dir",
              TestModels.directory("iris-onnx").toString(),
              "--device",
              "tpu");
      assertThat(bad.exitCode()).isEqualTo(2);
      assertThat(bad.stderr()).contains("--device: 'tpu' (expected: cpu, cuda or cuda:N)");
    }

    @Test
    void directoryWithoutModelFileNamesItAndTheExpectedFiles(@TempDir Path dir) throws IOException {
      Files.writeString(dir.resolve("README.md"), "no model here");

      Kserve4jProcess p =
          Kserve4jProcess.run("serve", "--model-dir", dir.toString(), "--http-port", "0");

      assertThat(p.exitCode()).isEqualTo(1);
      assertThat(p.stderr())
          .contains(
              "cannot detect the model format of " + dir,
              "model.onnx",
              "model.bst/.json/.ubj",
              "model.txt",
              "model.joblib",
              "model.pmml",
              "model.pt",
              "saved_model.pb");
    }

    @Test
    void missingDirectoryIsNamed(@TempDir Path dir) {
      Path absent = dir.resolve("absent");

      Kserve4jProcess p =
          Kserve4jProcess.run("serve", "--model-dir", absent.toString(), "--http-port", "0");

      assertThat(p.exitCode()).isEqualTo(1);
      assertThat(p.stderr()).contains(absent + " does not exist or is not a directory");
    }

    @Test
    void badModelsFileIsNamedWithTheField(@TempDir Path dir) throws IOException {
      Path file = Files.writeString(dir.resolve("models.yaml"), "models:\n  - name: iris\n");

      Kserve4jProcess p =
          Kserve4jProcess.run("serve", "--config", file.toString(), "--http-port", "0");

      assertThat(p.exitCode()).isEqualTo(1);
      assertThat(p.stderr()).contains(file + ": models[0].modelDir: missing");
    }
  }

  /** One iris server answers every read-only check. */
  @Nested
  class ServingIris {
    static Kserve4jProcess server;
    static String base;
    static final HttpClient http = newClient();

    @BeforeAll
    static void start() {
      server =
          Kserve4jProcess.start(
              "serve",
              "--model-dir",
              TestModels.directory("iris-onnx").toString(),
              "--model-name",
              "iris",
              "--http-port",
              "0",
              "--grpc-port",
              "0");
      base = server.awaitReady();
    }

    @AfterAll
    static void stop() {
      server.close();
    }

    @Test
    void printsExactlyOneReadyLineWithTheUrls() {
      assertThat(server.stdoutLines())
          .filteredOn(l -> l.toLowerCase().contains("ready"))
          .singleElement()
          .asString()
          .contains(
              "REST " + base,
              "V1 /v1/models",
              "V2 /v2",
              "metrics " + base + "/metrics",
              "models [iris]")
          .containsPattern("gRPC 127\\.0\\.0\\.1:[0-9]+ and 127\\.0\\.0\\.1:[0-9]+");
    }

    @Test
    void answersV2Rest() throws Exception {
      JsonNode expected = golden("iris-onnx");

      JsonNode r = postJson(http, base + "/v2/models/iris/infer", goldenRequest(expected, 10));

      assertThat(r.get("model_name").asText()).isEqualTo("iris");
      assertGolden(r, expected, 10);
      assertThat(get(http, base + "/v2/models/iris/ready").statusCode()).isEqualTo(200);
    }

    @Test
    void answersV1() throws Exception {
      JsonNode expected = golden("iris-onnx");
      JsonNode x = expected.at("/inputs/0/data");
      String rows =
          "[[%s,%s,%s,%s],[%s,%s,%s,%s]]"
              .formatted(
                  x.get(0), x.get(1), x.get(2), x.get(3), x.get(4), x.get(5), x.get(6), x.get(7));

      JsonNode r =
          postJson(http, base + "/v1/models/iris:predict", "{\"instances\": " + rows + "}");

      JsonNode labels = expected.at("/outputs/0/data");
      assertThat(r.get("predictions").toString())
          .isEqualTo("[" + labels.get(0) + "," + labels.get(1) + "]");
    }
  }

  @Nested
  class FormatDetection {
    @Test
    void detectsXGBoostAndNamesTheModelAfterTheDirectory() throws Exception {
      try (Kserve4jProcess p =
          Kserve4jProcess.start(
              "serve",
              "--model-dir",
              TestModels.directory("iris-xgboost").toString(),
              "--http-port",
              "0",
              "--grpc-port",
              "-1")) {
        String base = p.awaitReady();
        JsonNode expected = golden("iris-xgboost");

        JsonNode r =
            postJson(
                newClient(), base + "/v2/models/iris-xgboost/infer", goldenRequest(expected, 10));

        assertGolden(r, expected, 10);
      }
    }

    /** Each format of the newer runtimes, detected from its files and answering its golden rows. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(
        strings = {"iris-pmml-tree", "iris-sklearn-joblib", "mlp-torch", "softmax-tensorflow"})
    void detectsEveryFormatFromItsFiles(String fixture) throws Exception {
      JsonNode expected = golden(fixture);
      try (Kserve4jProcess p =
          Kserve4jProcess.start(
              "serve",
              "--model-dir",
              TestModels.directory(fixture).toString(),
              "--model-name",
              "m",
              "--http-port",
              "0",
              "--grpc-port",
              "-1")) {
        String base = p.awaitReady();
        HttpClient http = newClient();

        JsonNode meta = JSON.readTree(get(http, base + "/v2/models/m").body());
        assertThat(meta.get("name").asText()).isEqualTo("m");
        JsonNode r = postJson(http, base + "/v2/models/m/infer", goldenRequest(expected, 1));
        assertThat(r.get("model_name").asText()).as(r.toString()).isEqualTo("m");
        assertThat(r.get("outputs")).as(r.toString()).isNotEmpty();
      }
    }

    @Test
    void tinyGgufIsWrittenAndServedThroughTheOpenAiApi(@TempDir Path dir) throws Exception {
      Kserve4jProcess write = Kserve4jProcess.run("tiny-gguf", "--out", dir.toString());
      assertThat(write.exitCode()).as(write.output()).isZero();
      assertThat(write.stdout()).startsWith("wrote " + dir.resolve("model.gguf"));

      try (Kserve4jProcess p =
          Kserve4jProcess.start(
              "serve",
              "--model-dir",
              dir.toString(),
              "--model-name",
              "tiny",
              "--http-port",
              "0",
              "--grpc-port",
              "-1",
              "--option",
              "threads=2")) {
        String base = p.awaitReady();
        HttpClient http = newClient();

        JsonNode chat =
            postJson(
                http,
                base + "/openai/v1/chat/completions",
                "{\"model\": \"tiny\", \"messages\": [{\"role\": \"user\", \"content\":"
                    + " \"hello\"}], \"max_tokens\": 8, \"temperature\": 0}");
        assertThat(chat.at("/choices/0/message/content").asText()).isNotEmpty();
        assertThat(chat.at("/usage/completion_tokens").asInt()).isEqualTo(8);
        JsonNode models = JSON.readTree(get(http, base + "/openai/v1/models").body());
        assertThat(models.at("/data/0/id").asText()).isEqualTo("tiny");
      }
    }

    @Test
    void tinyGgufNamesADirectoryItCannotWrite(@TempDir Path dir) throws IOException {
      Path file = Files.writeString(dir.resolve("not-a-dir"), "x");

      Kserve4jProcess p = Kserve4jProcess.run("tiny-gguf", "--out", file.resolve("sub").toString());

      assertThat(p.exitCode()).isEqualTo(1);
      assertThat(p.stderr())
          .contains("cannot write the tiny GGUF model to " + file.resolve("sub/model.gguf"));
    }

    @Test
    void detectsLightGbmFromKServesExampleModel() throws Exception {
      Required.that(
          Files.isDirectory(LIGHTGBM),
          "KServe's LightGBM example model is not at "
              + LIGHTGBM
              + " (a shared fixture outside the repository)");
      try (Kserve4jProcess p =
          Kserve4jProcess.start(
              "serve",
              "--model-dir",
              LIGHTGBM.toString(),
              "--model-name",
              "lgb",
              "--http-port",
              "0",
              "--grpc-port",
              "-1")) {
        String base = p.awaitReady();
        HttpClient http = newClient();

        JsonNode meta = JSON.readTree(get(http, base + "/v2/models/lgb").body());
        JsonNode r =
            postJson(
                http,
                base + "/v1/models/lgb:predict",
                "{\"instances\": [[6.8, 2.8, 4.8, 1.4], [6.0, 3.4, 4.5, 1.6]]}");

        assertThat(meta.get("platform").asText()).containsIgnoringCase("lightgbm");
        // Both rows are versicolor (class 1) in the iris data; the model gives one probability per
        // class.
        for (JsonNode row : r.get("predictions")) {
          assertThat(row).hasSize(3);
          assertThat(row.get(0).asDouble() + row.get(1).asDouble() + row.get(2).asDouble())
              .isCloseTo(1.0, within(1e-6));
          assertThat(row.get(1).asDouble())
              .isGreaterThan(Math.max(row.get(0).asDouble(), row.get(2).asDouble()));
        }
      }
    }
  }

  @Test
  void configServesTwoModelsWithDirectoriesRelativeToTheFile(@TempDir Path dir) throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("models.yaml"),
            """
            models:
              - name: iris
                modelDir: %s
                batching: {maxBatchSize: 16, maxQueueDelayMicros: 100}
              - name: iris-xgb
                modelDir: %s
            """
                .formatted(
                    dir.relativize(TestModels.directory("iris-onnx")),
                    dir.relativize(TestModels.directory("iris-xgboost"))));

    try (Kserve4jProcess p =
        Kserve4jProcess.start(
            "serve", "--config", file.toString(), "--http-port", "0", "--grpc-port", "0")) {
      String base = p.awaitReady();
      HttpClient http = newClient();

      assertThat(p.line(l -> l.contains("kserve4j ready")).orElseThrow())
          .contains("models [iris, iris-xgb]");
      assertGolden(
          postJson(http, base + "/v2/models/iris/infer", goldenRequest(golden("iris-onnx"), 3)),
          golden("iris-onnx"),
          3);
      assertGolden(
          postJson(
              http, base + "/v2/models/iris-xgb/infer", goldenRequest(golden("iris-xgboost"), 3)),
          golden("iris-xgboost"),
          3);
    }
  }
}
