package dev.kserve4j.cli;

import static dev.kserve4j.cli.ServeCommandIT.JSON;
import static dev.kserve4j.cli.ServeCommandIT.newClient;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kserve4j.common.testing.Required;
import dev.kserve4j.testing.TestModels;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code kserve4j serve --predictor_host} as KServe runs a transformer and an explainer: real
 * processes on real sockets, a {@code model.py} transformer (no predict of its own) in front of a
 * {@code kserve4j serve} of the iris ONNX model over V1 and V2, in front of a recording server for
 * headers and predictor errors, and a {@code model.py} explainer calling the predictor.
 */
class TransformerServeIT {
  static final String RECORDS =
      "{\"instances\": [{\"sepal_length\": 5.1, \"sepal_width\": 3.5, \"petal_length\": 1.4,"
          + " \"petal_width\": 0.2}, {\"sepal_length\": 6.7, \"sepal_width\": 3.0,"
          + " \"petal_length\": 5.2, \"petal_width\": 2.3}]}";

  static final HttpClient http = newClient();
  static final StepServer recorder =
      new StepServer()
          .on(
              "/v1/models/iris:predict",
              503,
              "{\"error\": \"model iris is overloaded, retry later\"}");
  static Kserve4jProcess predictor;
  static Kserve4jProcess v1;
  static Kserve4jProcess v2;
  static Kserve4jProcess toRecorder;
  static Kserve4jProcess explainer;
  static String predictorHost;

  @BeforeAll
  static void start() {
    Required.that(canImportNumpy(), "python3 cannot import numpy (install python3-numpy)");
    predictor = serve(TestModels.directory("iris-onnx").toString());
    predictorHost = predictor.awaitReady().substring("http://".length());
    String transformer = TestModels.directory("iris-transformer").toString();
    v1 = serve(transformer, "--predictor_host", predictorHost, "--protocol", "v1");
    v2 = serve(transformer, "--predictor-host", predictorHost, "--protocol=v2");
    String recorderHost = recorder.url("").substring("http://".length());
    toRecorder = serve(transformer, "--predictor_host", recorderHost);
    explainer =
        serve(
            TestModels.directory("iris-explainer").toString(),
            "--predictor_host",
            predictorHost,
            "--option",
            "timeoutSeconds=3");
    for (Kserve4jProcess p : List.of(v1, v2, toRecorder, explainer)) {
      p.awaitReady();
    }
  }

  static boolean canImportNumpy() {
    try {
      Process p = new ProcessBuilder("python3", "-c", "import numpy").start();
      return p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (java.io.IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static Kserve4jProcess serve(String dir, String... more) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "serve",
                "--model-dir",
                dir,
                "--model_name",
                "iris",
                "--http-port",
                "0",
                "--grpc-port",
                "-1"));
    args.addAll(List.of(more));
    return Kserve4jProcess.start(args.toArray(String[]::new));
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable c :
        new AutoCloseable[] {v1, v2, toRecorder, explainer, predictor, recorder}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }
  }

  static String url(Kserve4jProcess p, String path) {
    return p.awaitReady() + path;
  }

  static HttpResponse<String> send(Kserve4jProcess p, String path, String body, String... headers)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url(p, path)))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void v1RecordsGoThroughPreprocessThePredictorAndPostprocess() throws Exception {
    HttpResponse<String> r = send(v1, "/v1/models/iris:predict", RECORDS);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(JSON.readTree(r.body()))
        .isEqualTo(JSON.readTree("{\"predictions\":[0,2],\"classes\":[\"setosa\",\"virginica\"]}"));
  }

  @Test
  void v2RestThroughATransformerCallingItsPredictorOverV2() throws Exception {
    String request =
        "{\"id\": \"r-7\", \"inputs\": ["
            + feature("sepal_length", 5.1, 6.7)
            + ","
            + feature("sepal_width", 3.5, 3.0)
            + ","
            + feature("petal_length", 1.4, 5.2)
            + ","
            + feature("petal_width", 0.2, 2.3)
            + "]}";
    HttpResponse<String> r = send(v2, "/v2/models/iris/infer", request);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode answer = JSON.readTree(r.body());
    assertThat(answer.get("id").asText()).isEqualTo("r-7");
    JsonNode outputs = answer.get("outputs");
    assertThat(outputs.findValuesAsText("name")).contains("label", "probabilities", "class");
    assertThat(outputs.get(outputs.size() - 1).get("data").toString())
        .isEqualTo("[\"setosa\",\"virginica\"]");
    // A V1 client of the same transformer: postprocess gets the predictor's V2 answer.
    HttpResponse<String> asV1 = send(v2, "/v1/models/iris:predict", RECORDS);
    assertThat(asV1.statusCode()).as(asV1.body()).isEqualTo(200);
    assertThat(asV1.body()).contains("\"class\"");
  }

  static String feature(String name, double a, double b) {
    return "{\"name\": \""
        + name
        + "\", \"datatype\": \"FP32\", \"shape\": [2], \"data\": ["
        + a
        + ", "
        + b
        + "]}";
  }

  @Test
  void theRequestIdAndTraceContextReachThePredictorWhoseErrorKeepsItsStatusNamingIt()
      throws Exception {
    int before = recorder.bodies.size();
    HttpResponse<String> r =
        send(
            toRecorder,
            "/v1/models/iris:predict",
            RECORDS,
            "x-request-id",
            "req-42",
            "traceparent",
            "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
            "tracestate",
            "k=v");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
    assertThat(JSON.readTree(r.body()).get("error").asText())
        .isEqualTo(
            "predictor at "
                + recorder.url("").substring("http://".length())
                + ": model iris is overloaded, retry later");
    assertThat(recorder.bodies).hasSize(before + 1);
    Map<String, List<String>> seen = recorder.headers.get(before);
    assertThat(seen.get("X-request-id")).containsExactly("req-42");
    assertThat(seen.get("Traceparent"))
        .containsExactly("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    assertThat(seen.get("Tracestate")).containsExactly("k=v");
    assertThat(JSON.readTree(recorder.bodies.get(before)).get("instances").size()).isEqualTo(2);
  }

  @Test
  void aPreprocessThatRaisesAnswersItsStatusAndThePredictorIsNotCalled() throws Exception {
    int before = recorder.bodies.size();
    HttpResponse<String> r =
        send(toRecorder, "/v1/models/iris:predict", "{\"instances\": [{\"sepal_length\": 1}]}");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(JSON.readTree(r.body()).get("error").asText())
        .isEqualTo(
            "instances[0]: missing sepal_width, petal_length, petal_width (expected the features"
                + " sepal_length, sepal_width, petal_length, petal_width)");
    assertThat(recorder.bodies).hasSize(before);
    assertThat(send(v1, "/v1/models/iris:predict", RECORDS).statusCode()).isEqualTo(200);
  }

  @Test
  void aTransformerOutputThePredictorCannotReadIsA4xxNamingBoth() throws Exception {
    HttpResponse<String> r =
        send(v1, "/v1/models/iris:predict", "{\"instances\": [{\"raw\": [1.0, 2.0]}]}");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(JSON.readTree(r.body()).get("error").asText())
        .startsWith(
            "predictor at "
                + predictorHost
                + " could not read what transformer 'iris' sent it (its preprocess output): ")
        .contains("float_input");
    assertThat(send(v1, "/v1/models/iris:predict", RECORDS).statusCode()).isEqualTo(200);
  }

  @Test
  void explainRunsTheExplainerWhichCallsThePredictor() throws Exception {
    HttpResponse<String> r =
        send(explainer, "/v1/models/iris:explain", "{\"instances\": [[6.7, 3.0, 5.2, 2.3]]}");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode explanation = JSON.readTree(r.body()).get("explanations").get(0);
    assertThat(explanation.get("prediction").asInt()).isEqualTo(2);
    assertThat(explanation.get("decisive_features").isArray()).isTrue();
  }

  @Test
  void explainOfAModelWithoutAnExplainerIs501() throws Exception {
    HttpResponse<String> r = send(v1, "/v1/models/iris:explain", RECORDS);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(501);
    assertThat(JSON.readTree(r.body()).get("error").asText())
        .startsWith("model 'iris' has no explainer");
  }

  @Test
  void aHangingExplainerIsCutOffByTheTimeoutAndTheServerKeepsServing() throws Exception {
    long start = System.nanoTime();
    HttpResponse<String> r =
        send(explainer, "/v1/models/iris:explain", "{\"hang\": true, \"instances\": []}");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
    assertThat(r.body()).contains("timeoutSeconds");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(
                        send(
                                explainer,
                                "/v1/models/iris:explain",
                                "{\"instances\": [[5.1, 3.5, 1.4, 0.2]]}")
                            .statusCode())
                    .isEqualTo(200));
  }
}
