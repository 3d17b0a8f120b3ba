package dev.kserve4j.cli;

import static dev.kserve4j.cli.ServeCommandIT.JSON;
import static dev.kserve4j.cli.ServeCommandIT.get;
import static dev.kserve4j.cli.ServeCommandIT.newClient;
import static dev.kserve4j.cli.ServeCommandIT.post;
import static dev.kserve4j.cli.ServeCommandIT.postJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Reader;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code kserve4j serve --model-class} as the example's README runs it: the example model of {@code
 * examples/custom-java-model} served from its built jar in a child JVM, checked over V2 and V1
 * REST, with a bad reading answered 400 while the model keeps serving.
 */
class CustomModelServeIT {
  static final Path EXAMPLE =
      Path.of(System.getProperty("kserve4j.repoRoot", ".."), "examples", "custom-java-model");
  static final Path JAR = EXAMPLE.resolve("target/custom-java-model.jar");
  static final String CLASS = "com.acme.temperature.TemperatureAnomalyModel";
  static final String MODEL = "temperatureanomalymodel";

  static Kserve4jProcess server;
  static String base;
  static final HttpClient client = newClient();

  @BeforeAll
  static void start() {
    assertThat(JAR).as("the example's jar (built before this module)").isRegularFile();
    server =
        Kserve4jProcess.start(
            "serve",
            "--model-class",
            CLASS,
            "--classpath",
            JAR.toString(),
            "--model-dir",
            EXAMPLE.resolve("model").toString(),
            "--http-port",
            "0",
            "--grpc-port",
            "-1");
    base = server.awaitReady();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  /**
   * The score weights.properties defines for a reading in Celsius, computed from the file alone.
   */
  static double expectedScore(double celsius) throws IOException {
    Properties w = new Properties();
    try (Reader r = Files.newBufferedReader(EXAMPLE.resolve("model/weights.properties"))) {
      w.load(r);
    }
    double z =
        (celsius - Double.parseDouble(w.getProperty("mean.celsius")))
            / Double.parseDouble(w.getProperty("std.celsius"));
    double logit =
        Double.parseDouble(w.getProperty("weight.z")) * z
            + Double.parseDouble(w.getProperty("weight.z2")) * z * z
            + Double.parseDouble(w.getProperty("bias"));
    return 1 / (1 + Math.exp(-logit));
  }

  static String v2Request(String... readings) {
    var req = JSON.createObjectNode();
    var in = req.putArray("inputs").addObject().put("name", "reading").put("datatype", "BYTES");
    in.putArray("shape").add(readings.length);
    var data = in.putArray("data");
    for (String r : readings) {
      data.add(r);
    }
    return req.toString();
  }

  @Test
  void metadataNamesTheModelAfterItsClassWithTheExamplesTensors() throws Exception {
    HttpResponse<String> r = get(client, base + "/v2/models/" + MODEL);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode meta = JSON.readTree(r.body());
    assertThat(meta.get("platform").asText()).isEqualTo("custom");
    assertThat(meta.at("/inputs/0/name").asText()).isEqualTo("reading");
    assertThat(meta.at("/inputs/0/datatype").asText()).isEqualTo("BYTES");
    assertThat(meta.at("/outputs/0/name").asText()).isEqualTo("label");
  }

  @Test
  void v2InferParsesScoresAndLabelsReadings() throws Exception {
    JsonNode r =
        postJson(
            client,
            base + "/v2/models/" + MODEL + "/infer",
            v2Request("21.5C", "98.6F", "273.15K"));

    JsonNode label = null;
    JsonNode score = null;
    for (JsonNode o : r.get("outputs")) {
      label = o.get("name").asText().equals("label") ? o : label;
      score = o.get("name").asText().equals("score") ? o : score;
    }
    assertThat(label).as(r.toString()).isNotNull();
    assertThat(score).as(r.toString()).isNotNull();
    assertThat(label.get("datatype").asText()).isEqualTo("BYTES");
    assertThat(label.get("data"))
        .extracting(JsonNode::asText)
        .containsExactly("normal", "anomaly", "anomaly");
    double[] celsius = {21.5, 37.0, 0.0};
    for (int i = 0; i < celsius.length; i++) {
      assertThat(score.at("/data/" + i).asDouble())
          .as("score[%d]", i)
          .isCloseTo(expectedScore(celsius[i]), within(1e-6));
    }
  }

  @Test
  void v1PredictAnswersTheLabels() throws Exception {
    JsonNode r =
        postJson(
            client,
            base + "/v1/models/" + MODEL + ":predict",
            "{\"instances\": [\"19.8C\", \"-40F\"]}");

    assertThat(r.get("predictions"))
        .extracting(JsonNode::asText)
        .containsExactly("normal", "anomaly");
  }

  @Test
  void unreadableReadingIsA400WithTheModelsMessageAndTheModelKeepsServing() throws Exception {
    HttpResponse<String> bad =
        client.send(
            post(base + "/v2/models/" + MODEL + "/infer", v2Request("20C", "warm")),
            HttpResponse.BodyHandlers.ofString());

    assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);
    assertThat(JSON.readTree(bad.body()).get("error").asText())
        .isEqualTo(
            "input 'reading': row 1 is 'warm' (expected a number and a unit C, F or K, e.g."
                + " \"21.5C\")");
    JsonNode after = postJson(client, base + "/v2/models/" + MODEL + "/infer", v2Request("22C"));
    assertThat(after.at("/outputs/0/data/0").asText()).isEqualTo("normal");
  }

  @Test
  void unknownClassExitsOneNamingItAndTheClasspath() {
    Kserve4jProcess p =
        Kserve4jProcess.run(
            "serve",
            "--model-class",
            "com.acme.Nope",
            "--classpath",
            JAR.toString(),
            "--http-port",
            "0",
            "--grpc-port",
            "-1");

    assertThat(p.exitCode()).as(p.output()).isEqualTo(1);
    assertThat(p.stderr())
        .contains(
            "model 'nope': class com.acme.Nope not found on ["
                + JAR.toAbsolutePath().normalize()
                + "]");
  }

  @Test
  void withoutModelDirTheModelGetsAnEmptyDirectoryAndSaysWhatIsMissing() {
    Kserve4jProcess p =
        Kserve4jProcess.run(
            "serve",
            "--model-class",
            CLASS,
            "--classpath",
            JAR.toString(),
            "--model-name",
            "temp",
            "--http-port",
            "0");

    assertThat(p.exitCode()).as(p.output()).isEqualTo(1);
    assertThat(p.stderr())
        .contains(
            "model 'temp': load failed in " + CLASS,
            "cannot read ",
            "kserve4j-custom-",
            "weights.properties");
  }

  @Test
  void helpListsTheModelClassFlags() {
    Kserve4jProcess p = Kserve4jProcess.run("serve", "--help");

    assertThat(p.exitCode()).as(p.output()).isZero();
    assertThat(p.stdout())
        .contains(
            "--model-class=CLASS",
            "--classpath=PATH",
            "separated by '" + java.io.File.pathSeparator + "'");
  }

  @Test
  void classpathWithoutModelClassExitsTwo() {
    Kserve4jProcess p =
        Kserve4jProcess.run(
            "serve",
            "--classpath",
            JAR.toString(),
            "--model-dir",
            EXAMPLE.resolve("model").toString());

    assertThat(p.exitCode()).isEqualTo(2);
    assertThat(p.stderr())
        .contains(
            "--classpath: '"
                + JAR
                + "' (expected: used with --model-class CLASS, the class it holds)");
  }

  @Test
  void modelClassWithAnotherFormatExitsTwo() {
    Kserve4jProcess p =
        Kserve4jProcess.run(
            "serve", "--model-class", CLASS, "--model-format", "onnx", "--http-port", "0");

    assertThat(p.exitCode()).isEqualTo(2);
    assertThat(p.stderr())
        .contains(
            "--model-format: 'onnx' with --model-class "
                + CLASS
                + " (expected: custom or no --model-format");
  }
}
