package dev.kserve4j.cli;

import static dev.kserve4j.cli.ServeCommandIT.JSON;
import static dev.kserve4j.cli.TransformerServeIT.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kserve4j.testing.TestModels;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code kserve4j serve --model-class --predictor_host}: Java transformers and explainers ({@link
 * TestingIrisTransformer}, {@link TestingIrisExplainer}, from this module's test classes) in real
 * processes in front of a {@code kserve4j serve} of the iris ONNX model, over V1 and V2, and in
 * front of a recording server for headers and predictor errors.
 */
class JavaTransformerServeIT {
  static final String ROWS = "{\"instances\": [[51, 35, 14, 2], [67, 30, 52, 23]]}";
  static final String TEST_CLASSES =
      Path.of(
              TestingIrisTransformer.class
                  .getProtectionDomain()
                  .getCodeSource()
                  .getLocation()
                  .getPath())
          .toString();

  static final StepServer recorder =
      new StepServer()
          .on("/v1/models/iris:predict", 503, "{\"error\": \"model iris is overloaded\"}");
  static Kserve4jProcess predictor;
  static Kserve4jProcess v1;
  static Kserve4jProcess v2;
  static Kserve4jProcess toRecorder;
  static Kserve4jProcess explainer;
  static Kserve4jProcess explainerToRecorder;
  static String predictorHost;
  static String recorderHost;

  @BeforeAll
  static void start() {
    predictor =
        Kserve4jProcess.start(
            "serve",
            "--model-dir",
            TestModels.directory("iris-onnx").toString(),
            "--model-name",
            "iris",
            "--http-port",
            "0",
            "--grpc-port",
            "-1");
    predictorHost = predictor.awaitReady().substring("http://".length());
    recorderHost = recorder.url("").substring("http://".length());
    v1 = serve(TestingIrisTransformer.class, "--predictor_host", predictorHost, "--protocol", "v1");
    v2 = serve(TestingIrisTransformer.class, "--predictor-host", predictorHost, "--protocol=v2");
    toRecorder = serve(TestingIrisTransformer.class, "--predictor_host", recorderHost);
    explainer = serve(TestingIrisExplainer.class, "--predictor_host", predictorHost);
    explainerToRecorder = serve(TestingIrisExplainer.class, "--predictor_host", recorderHost);
    for (Kserve4jProcess p : List.of(v1, v2, toRecorder, explainer, explainerToRecorder)) {
      p.awaitReady();
    }
  }

  /** {@code serve --model-class type} from the test classes, as model {@code iris}. */
  static Kserve4jProcess serve(Class<?> type, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "serve",
                "--model-class",
                type.getName(),
                "--classpath",
                TEST_CLASSES,
                "--model-name",
                "iris",
                "--http-port",
                "0",
                "--grpc-port",
                "-1"));
    args.addAll(List.of(more));
    return Kserve4jProcess.start(args.toArray(String[]::new));
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable c :
        new AutoCloseable[] {
          v1, v2, toRecorder, explainer, explainerToRecorder, predictor, recorder
        }) {
      if (c != null) {
        c.close();
      }
    }
  }

  @Test
  void v1RowsGoThroughTheJavaTransformerAndTheOnnxPredictor() throws Exception {
    HttpResponse<String> r = send(v1, "/v1/models/iris:predict", ROWS);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(JSON.readTree(r.body()))
        .isEqualTo(JSON.readTree("{\"predictions\":[\"setosa\",\"virginica\"]}"));
  }

  @Test
  void v2ThroughTheJavaTransformerCallingItsPredictorOverV2() throws Exception {
    String request =
        "{\"id\": \"r-8\", \"inputs\": [{\"name\": \"mm\", \"datatype\": \"FP32\","
            + " \"shape\": [2, 4], \"data\": [51, 35, 14, 2, 67, 30, 52, 23]}]}";
    HttpResponse<String> r = send(v2, "/v2/models/iris/infer", request);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode answer = JSON.readTree(r.body());
    assertThat(answer.get("id").asText()).isEqualTo("r-8");
    JsonNode outputs = answer.get("outputs");
    assertThat(outputs.findValuesAsText("name")).containsExactly("class", "label", "probabilities");
    assertThat(outputs.get(0).get("data").toString()).isEqualTo("[\"setosa\",\"virginica\"]");
    assertThat(outputs.get(1).get("data").toString()).isEqualTo("[0,2]");
    // A V1 client of the same transformer: postprocess gets the predictor's V2 answer.
    HttpResponse<String> asV1 = send(v2, "/v1/models/iris:predict", ROWS);
    assertThat(asV1.statusCode()).as(asV1.body()).isEqualTo(200);
    assertThat(JSON.readTree(asV1.body()))
        .isEqualTo(JSON.readTree("{\"predictions\":[\"setosa\",\"virginica\"]}"));
  }

  @Test
  void aPreprocessThatThrowsAnswersWithItsMessageAndThePredictorIsNotCalled() throws Exception {
    int before = recorder.bodies.size();
    HttpResponse<String> r =
        send(toRecorder, "/v1/models/iris:predict", "{\"instances\": [[1, -2, 3, 4]]}");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(500);
    assertThat(JSON.readTree(r.body()).get("error").asText())
        .isEqualTo(
            "model 'iris': transform failed in "
                + TestingIrisTransformer.class.getName()
                + ": IllegalArgumentException: input 'mm': -2.0 at 1 (expected lengths of at least"
                + " 0 mm)");
    assertThat(recorder.bodies).hasSize(before);
    assertThat(send(v1, "/v1/models/iris:predict", ROWS).statusCode()).isEqualTo(200);
  }

  @Test
  void thePredictorsErrorKeepsItsStatusNamingItAndTheRequestIdReachesIt() throws Exception {
    int before = recorder.bodies.size();
    HttpResponse<String> r =
        send(toRecorder, "/v1/models/iris:predict", ROWS, "x-request-id", "java-1");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
    assertThat(JSON.readTree(r.body()).get("error").asText())
        .isEqualTo("predictor at " + recorderHost + ": model iris is overloaded");
    assertThat(recorder.headers.get(before).get("X-request-id")).containsExactly("java-1");
    assertThat(JSON.readTree(recorder.bodies.get(before)).get("instances").get(1).get(2).asDouble())
        .isEqualTo(5.2, org.assertj.core.data.Offset.offset(1e-6));
  }

  @Test
  void theJavaExplainerCallsTheOnnxPredictor() throws Exception {
    HttpResponse<String> r =
        send(explainer, "/v1/models/iris:explain", "{\"instances\": [[6.7, 3.0, 5.2, 2.3]]}");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode explanation = JSON.readTree(r.body()).get("explanations").get(0);
    assertThat(explanation.get("prediction").asInt()).isEqualTo(2);
    assertThat(explanation.get("decisiveFeatures").isArray()).isTrue();
    assertThat(explanation.get("decisiveFeatures").toString()).contains("petal");
  }

  @Test
  void theJavaExplainersPredictorCallsCarryTheRequestIdAndItsErrorsKeepTheirStatus()
      throws Exception {
    int before = recorder.bodies.size();
    HttpResponse<String> r =
        send(
            explainerToRecorder,
            "/v1/models/iris:explain",
            "{\"instances\": [[6.7, 3.0, 5.2, 2.3]]}",
            "x-request-id",
            "explain-1",
            "traceparent",
            "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
    assertThat(JSON.readTree(r.body()).get("error").asText())
        .isEqualTo("predictor at " + recorderHost + ": model iris is overloaded");
    Map<String, List<String>> seen = recorder.headers.get(before);
    assertThat(seen.get("X-request-id")).containsExactly("explain-1");
    assertThat(seen.get("Traceparent"))
        .containsExactly("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
  }

  @Test
  void aJavaTransformerWithoutExplainAnswersExplain501() throws Exception {
    HttpResponse<String> r = send(v1, "/v1/models/iris:explain", ROWS);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(501);
  }
}
