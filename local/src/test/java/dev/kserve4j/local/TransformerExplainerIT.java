package dev.kserve4j.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import dev.kserve4j.api.ResourceCodec;
import dev.kserve4j.api.knative.Condition;
import dev.kserve4j.api.v1beta1.InferenceService;
import dev.kserve4j.common.testing.Required;
import dev.kserve4j.testing.TestModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * KServe's transformer and explainer under the embedded host, written as KServe documents them
 * ({@code spec.transformer.containers[0]} and {@code spec.explainer.containers[0]} on kserve4j's
 * image, the model.py in {@code STORAGE_URI}) in front of a real ONNX predictor: routing by host
 * and path as KServe's ingress does, {@code :explain}, status, and bad input.
 */
class TransformerExplainerIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static final ResourceCodec CODEC = new ResourceCodec();
  static final String IMAGE = "ghcr.io/kserve4j/kserve4j-server:0.1.0";
  static final String RECORDS =
      "{\"instances\": [{\"sepal_length\": 5.1, \"sepal_width\": 3.5, \"petal_length\": 1.4,"
          + " \"petal_width\": 0.2}, {\"sepal_length\": 6.7, \"sepal_width\": 3.0,"
          + " \"petal_length\": 5.2, \"petal_width\": 2.3}]}";

  /** An explainer whose self.predict goes through the InferenceService's transformer (V2). */
  static final String EXPLAINER_VIA_TRANSFORMER =
      """
      from kserve import Model

      FEATURES = ("sepal_length", "sepal_width", "petal_length", "petal_width")


      class Explainer(Model):
          def __init__(self, name):
              super().__init__(name)
              self.ready = True

          async def explain(self, payload, headers=None):
              row = payload["instances"][0]
              request = {"inputs": [{"name": f, "datatype": "FP32", "shape": [1], "data": [v]}
                                    for f, v in zip(FEATURES, row)]}
              answer = await self.predict(request, headers)
              return {"outputs": [o.name for o in answer.outputs],
                      "class": answer.get_output_by_name("class").data}
      """;

  /** A predictor answering with the headers it got. */
  static final String ECHO_PREDICTOR =
      """
      from kserve import Model


      class Echo(Model):
          def __init__(self, name):
              super().__init__(name)
              self.ready = True

          def predict(self, payload, headers=None):
              return {"predictions": [0], "seen": {k: (headers or {}).get(k)
                      for k in ("x-request-id", "traceparent")}}
      """;

  /** A transformer passing bodies through unchanged. */
  static final String IDENTITY_TRANSFORMER =
      """
      from kserve import Model


      class Identity(Model):
          def __init__(self, name):
              super().__init__(name)
              self.ready = True

          def preprocess(self, payload, headers=None):
              return payload

          def postprocess(self, result, headers=None):
              return result
      """;

  @TempDir Path models;
  EmbeddedHost host;

  @BeforeEach
  void start(@TempDir Path cache) {
    Required.that(
        Files.isExecutable(Path.of("/usr/bin/python3")), "python3 (Debian's python3-numpy)");
    host = new EmbeddedHost(cache);
  }

  @AfterEach
  void stop() {
    host.close();
  }

  static String component(String kind, String storageUri, String extra) {
    return "  "
        + kind
        + ":\n"
        + (extra.isEmpty() ? "" : "    " + extra + "\n")
        + "    containers:\n"
        + "    - name: kserve-container\n"
        + "      image: "
        + IMAGE
        + "\n"
        + "      args: [serve, --model-dir=/mnt/models, --model-name=iris, --model-format=python]\n"
        + "      env:\n"
        + "      - name: STORAGE_URI\n"
        + "        value: "
        + storageUri
        + "\n";
  }

  static InferenceService isvc(String name, String predictor, String... components) {
    return CODEC.read(
        """
        apiVersion: serving.kserve.io/v1beta1
        kind: InferenceService
        metadata: {name: %s, namespace: ml}
        spec:
          predictor:
        %s
        %s
        """
            .formatted(name, predictor.indent(4), String.join("", components)),
        "test",
        InferenceService.class);
  }

  static String onnx(String protocol) {
    return """
    model:
      modelFormat: {name: onnx}
      protocolVersion: %s
      storageUri: %s
    """
        .formatted(protocol, TestModels.directory("iris-onnx"));
  }

  Path write(String dir, String source) throws IOException {
    Path d = Files.createDirectories(models.resolve(dir));
    Files.writeString(d.resolve("model.py"), source);
    return d;
  }

  static JsonNode json(AggregatedHttpResponse r) throws IOException {
    return JSON.readTree(r.contentUtf8());
  }

  static Condition condition(InferenceService isvc, String type) {
    return isvc.getStatus().getConditions().stream()
        .filter(c -> c.type().equals(type))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no condition " + type));
  }

  @Test
  void theServiceReachesTheTransformerThePredictorHostThePredictorAndExplainTheExplainer()
      throws Exception {
    Path explainer = write("explainer", EXPLAINER_VIA_TRANSFORMER);
    InferenceService applied =
        host.control.apply(
            isvc(
                "iris",
                onnx("v2"),
                component("transformer", TestModels.directory("iris-transformer").toString(), ""),
                component("explainer", explainer.toString(), "")));
    assertThat(applied.getStatus().isReady()).as(applied.getStatus().toString()).isTrue();
    assertThat(condition(applied, "TransformerReady").status()).isEqualTo("True");
    assertThat(condition(applied, "ExplainerReady").status()).isEqualTo("True");
    var transformer = applied.getStatus().getComponents().get("transformer");
    assertThat(transformer.latestReadyRevision()).isEqualTo("iris-transformer-00001");
    assertThat(transformer.url()).isEqualTo("http://iris-transformer.ml.example.com");

    String classes = "[\"setosa\",\"virginica\"]";
    for (String[] call :
        new String[][] {
          {"/v1/models/iris:predict", "iris.ml.example.com"},
          {"/serving/ml/iris/v1/models/iris:predict", null},
          {"/v1/models/iris:predict", "iris-transformer.ml.example.com"},
          {"/v1/models/iris:predict", null}
        }) {
      AggregatedHttpResponse r = host.post(call[0], call[1], RECORDS);
      assertThat(r.status().code()).as(r.contentUtf8()).isEqualTo(200);
      assertThat(r.contentUtf8()).as(call[0] + " " + call[1]).contains("\"class\"");
    }
    // The predictor's host bypasses the transformer.
    AggregatedHttpResponse direct =
        host.post(
            "/v1/models/iris:predict",
            "iris-predictor.ml.example.com",
            "{\"instances\": [[5.1, 3.5, 1.4, 0.2]]}");
    assertThat(direct.status().code()).as(direct.contentUtf8()).isEqualTo(200);
    assertThat(json(direct).get("predictions").get(0).asInt()).isEqualTo(0);
    // V2 REST through the transformer, by host and by path.
    String v2 =
        "{\"id\": \"r-1\", \"inputs\": ["
            + feature("sepal_length", 5.1, 6.7)
            + ","
            + feature("sepal_width", 3.5, 3.0)
            + ","
            + feature("petal_length", 1.4, 5.2)
            + ","
            + feature("petal_width", 0.2, 2.3)
            + "]}";
    for (String[] call :
        new String[][] {
          {"/v2/models/iris/infer", "iris.ml.example.com"},
          {"/serving/ml/iris/v2/models/iris/infer", null}
        }) {
      AggregatedHttpResponse r = host.post(call[0], call[1], v2);
      assertThat(r.status().code()).as(r.contentUtf8()).isEqualTo(200);
      JsonNode outputs = json(r).get("outputs");
      assertThat(outputs.get(outputs.size() - 1).get("data").toString()).isEqualTo(classes);
    }
    // :explain on the service goes to the explainer, whose predict goes through the transformer.
    for (String[] call :
        new String[][] {
          {"/v1/models/iris:explain", "iris.ml.example.com"},
          {"/serving/ml/iris/v1/models/iris:explain", null}
        }) {
      AggregatedHttpResponse r =
          host.post(call[0], call[1], "{\"instances\": [[6.7, 3.0, 5.2, 2.3]]}");
      assertThat(r.status().code()).as(r.contentUtf8()).isEqualTo(200);
      assertThat(json(r).get("class").toString()).isEqualTo("[\"virginica\"]");
    }
    // Bad input: a preprocess that raises answers with its status, nothing unloads.
    AggregatedHttpResponse bad =
        host.post(
            "/v1/models/iris:predict",
            "iris.ml.example.com",
            "{\"instances\": [{\"sepal_length\": 1}]}");
    assertThat(bad.status().code()).as(bad.contentUtf8()).isEqualTo(400);
    assertThat(json(bad).get("error").asText()).startsWith("instances[0]: missing sepal_width");
    // A transformer output the predictor cannot read: 4xx naming both components.
    AggregatedHttpResponse unreadable =
        host.post(
            "/v1/models/iris:predict",
            "iris.ml.example.com",
            "{\"instances\": [{\"raw\": [1.0, 2.0]}]}");
    assertThat(unreadable.status().code()).as(unreadable.contentUtf8()).isBetween(400, 499);
    assertThat(json(unreadable).get("error").asText())
        .startsWith(
            "predictor of InferenceService ml/iris could not read what transformer"
                + " 'iris-transformer-00001' sent it (its preprocess output): ");
    assertThat(host.post("/v1/models/iris:predict", "iris.ml.example.com", RECORDS).status().code())
        .isEqualTo(200);
  }

  static String feature(String name, double a, double b) {
    return "{\"name\": \"%s\", \"datatype\": \"FP32\", \"shape\": [2], \"data\": [%s, %s]}"
        .formatted(name, a, b);
  }

  @Test
  void withoutAnExplainerExplainIs501NamingTheInferenceService() throws Exception {
    host.control.apply(
        isvc(
            "iris",
            onnx("v1"),
            component("transformer", TestModels.directory("iris-transformer").toString(), "")));
    AggregatedHttpResponse r = host.post("/v1/models/iris:explain", "iris.ml.example.com", RECORDS);

    assertThat(r.status().code()).as(r.contentUtf8()).isEqualTo(501);
    assertThat(json(r).get("error").asText())
        .startsWith("InferenceService ml/iris has no explainer");
  }

  @Test
  void anExplainerWithoutTransformerCallsThePredictorAndAHangIsCutOffByTheComponentTimeout()
      throws Exception {
    InferenceService applied =
        host.control.apply(
            isvc(
                "iris",
                onnx("v1"),
                component(
                    "explainer", TestModels.directory("iris-explainer").toString(), "timeout: 3")));
    assertThat(applied.getStatus().isReady()).as(applied.getStatus().toString()).isTrue();
    AggregatedHttpResponse r =
        host.post(
            "/v1/models/iris:explain",
            "iris.ml.example.com",
            "{\"instances\": [[6.7, 3.0, 5.2, 2.3]]}");
    assertThat(r.status().code()).as(r.contentUtf8()).isEqualTo(200);
    assertThat(json(r).get("explanations").get(0).get("prediction").asInt()).isEqualTo(2);

    long start = System.nanoTime();
    AggregatedHttpResponse hang =
        host.post(
            "/v1/models/iris:explain",
            "iris.ml.example.com",
            "{\"hang\": true, \"instances\": []}");
    assertThat(hang.status().code()).as(hang.contentUtf8()).isEqualTo(503);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(
                        host.post(
                                "/v1/models/iris:explain",
                                "iris.ml.example.com",
                                "{\"instances\": [[5.1, 3.5, 1.4, 0.2]]}")
                            .status()
                            .code())
                    .isEqualTo(200));
    assertThat(
            host.post(
                    "/v1/models/iris:predict",
                    "iris.ml.example.com",
                    "{\"instances\": [[5.1, 3.5, 1.4, 0.2]]}")
                .status()
                .code())
        .isEqualTo(200);
  }

  @Test
  void theRequestIdAndTraceContextReachThePredictorThroughTheTransformer() throws Exception {
    Path echo = write("echo", ECHO_PREDICTOR);
    Path identity = write("identity", IDENTITY_TRANSFORMER);
    String predictor =
        """
        containers:
        - name: kserve-container
          image: %s
          args: ["serve", "--model-dir=/mnt/models", "--model-name=echo", "--model-format=python"]
          env:
          - name: STORAGE_URI
            value: %s
        """
            .formatted(IMAGE, echo);
    InferenceService applied =
        host.control.apply(
            isvc(
                "echo",
                predictor,
                component("transformer", identity.toString(), "").replace("iris", "echo")));
    assertThat(applied.getStatus().isReady()).as(applied.getStatus().toString()).isTrue();
    var headers =
        com.linecorp.armeria.common.RequestHeaders.builder(
                com.linecorp.armeria.common.HttpMethod.POST, "/v1/models/echo:predict")
            .contentType(com.linecorp.armeria.common.MediaType.JSON)
            .authority("echo.ml.example.com")
            .add("x-request-id", "req-42")
            .add("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
            .build();
    AggregatedHttpResponse r =
        com.linecorp.armeria.client.WebClient.of("http://127.0.0.1:" + host.server.httpPort())
            .execute(headers, "{\"instances\": [[1]]}")
            .aggregate()
            .join();
    assertThat(r.status().code()).as(r.contentUtf8()).isEqualTo(200);
    JsonNode seen = json(r).get("seen");
    assertThat(seen.get("x-request-id").asText()).isEqualTo("req-42");
    assertThat(seen.get("traceparent").asText())
        .isEqualTo("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
  }

  @Test
  void artAndOtherImagesAreReportedByNameWhileThePredictorServes() {
    InferenceService art =
        host.control.apply(
            CODEC.read(
                """
                apiVersion: serving.kserve.io/v1beta1
                kind: InferenceService
                metadata: {name: iris, namespace: ml}
                spec:
                  predictor:
                    model:
                      modelFormat: {name: onnx}
                      storageUri: %s
                  explainer:
                    art:
                      type: SquareAttack
                """
                    .formatted(TestModels.directory("iris-onnx")),
                "test",
                InferenceService.class));
    assertThat(art.getStatus().isReady()).isFalse();
    Condition explainer = condition(art, "ExplainerReady");
    assertThat(explainer.status()).isEqualTo("False");
    assertThat(explainer.reason()).isEqualTo("ExplainerNotSupported");
    assertThat(explainer.message()).contains("spec.explainer.art");
    assertThat(condition(art, "PredictorReady").status()).isEqualTo("True");

    InferenceService other =
        host.control.apply(
            isvc(
                "iris",
                onnx("v1"),
                component("transformer", "file:///nowhere", "")
                    .replace(IMAGE, "kserve/image-transformer:v0.20")));
    Condition transformer = condition(other, "TransformerReady");
    assertThat(transformer.status()).isEqualTo("False");
    assertThat(transformer.reason()).isEqualTo("ImageNotSupported");
    assertThat(transformer.message()).contains("kserve/image-transformer:v0.20");
    assertThat(
            host.post(
                    "/v1/models/iris:predict",
                    "iris-predictor.ml.example.com",
                    "{\"instances\": [[5.1, 3.5, 1.4, 0.2]]}")
                .status()
                .code())
        .isEqualTo(200);
  }
}
