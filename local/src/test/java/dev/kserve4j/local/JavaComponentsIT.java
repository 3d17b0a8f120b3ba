package dev.kserve4j.local;

import static dev.kserve4j.local.TransformerExplainerIT.IMAGE;
import static dev.kserve4j.local.TransformerExplainerIT.condition;
import static dev.kserve4j.local.TransformerExplainerIT.isvc;
import static dev.kserve4j.local.TransformerExplainerIT.json;
import static dev.kserve4j.local.TransformerExplainerIT.onnx;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import dev.kserve4j.api.knative.Condition;
import dev.kserve4j.api.v1beta1.InferenceService;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Java classes ({@code serve --model-class --classpath}) as an InferenceService's transformer,
 * explainer and predictor under the embedded host, written as custom containers on kserve4j's image
 * whose {@code STORAGE_URI} holds the user's jar ({@link IrisComponentsJar}, compiled at test time
 * so that only the jar holds the classes), in front of a real ONNX predictor.
 */
class JavaComponentsIT {
  static final String ROWS = "{\"instances\": [[51, 35, 14, 2], [67, 30, 52, 23]]}";

  @TempDir Path models;
  EmbeddedHost host;
  Path jarFolder;

  @BeforeEach
  void start(@TempDir Path cache) throws IOException {
    host = new EmbeddedHost(cache);
    jarFolder = models.resolve("iris-components");
    IrisComponentsJar.writeTo(jarFolder);
  }

  @AfterEach
  void stop() {
    host.close();
  }

  /** A {@code kind} component (or the predictor, with {@code kind} null) running {@code type}. */
  static String javaContainer(String kind, String type, String classpath, String storageUri) {
    String indent = kind == null ? "" : "    ";
    return (kind == null ? "" : "  " + kind + ":\n")
        + (indent + "containers:\n")
        + (indent + "- name: kserve-container\n")
        + (indent + "  image: " + IMAGE + "\n")
        + (indent
            + "  args: [serve, --model-class="
            + type
            + ", --classpath="
            + classpath
            + ", --model-name=iris]\n")
        + (storageUri == null
            ? ""
            : indent
                + "  env:\n"
                + indent
                + "  - {name: STORAGE_URI, value: "
                + storageUri
                + "}\n");
  }

  @Test
  void aJavaTransformerAndExplainerFromAJarServeInFrontOfTheOnnxPredictor() throws Exception {
    String jar = "/mnt/models/" + IrisComponentsJar.JAR;
    InferenceService applied =
        host.control.apply(
            isvc(
                "iris",
                onnx("v2"),
                javaContainer("transformer", IrisComponentsJar.TRANSFORMER, jar, uri()),
                javaContainer("explainer", IrisComponentsJar.EXPLAINER, jar, uri())));
    assertThat(applied.getStatus().isReady()).as(applied.getStatus().toString()).isTrue();
    assertThat(condition(applied, "TransformerReady").status()).isEqualTo("True");
    assertThat(condition(applied, "ExplainerReady").status()).isEqualTo("True");

    // V1 through the service's host and path: millimetres -> transformer -> ONNX (V2) -> classes.
    for (String[] call :
        new String[][] {
          {"/v1/models/iris:predict", "iris.ml.example.com"},
          {"/serving/ml/iris/v1/models/iris:predict", null}
        }) {
      AggregatedHttpResponse r = host.post(call[0], call[1], ROWS);
      assertThat(json(r).get("predictions").toString())
          .as(call[0] + " " + call[1])
          .isEqualTo("[\"setosa\",\"virginica\"]");
    }
    // V2 REST through the transformer: its class output first, then the predictor's outputs.
    AggregatedHttpResponse v2 =
        host.post(
            "/v2/models/iris/infer",
            "iris.ml.example.com",
            "{\"id\": \"j-1\", \"inputs\": [{\"name\": \"mm\", \"datatype\": \"FP32\","
                + " \"shape\": [2, 4], \"data\": [51, 35, 14, 2, 67, 30, 52, 23]}]}");
    assertThat(v2.status().code()).as(v2.contentUtf8()).isEqualTo(200);
    JsonNode outputs = json(v2).get("outputs");
    assertThat(outputs.findValuesAsText("name")).containsExactly("class", "label", "probabilities");
    assertThat(outputs.get(1).get("data").toString()).isEqualTo("[0,2]");
    // The predictor's host bypasses the transformer (centimetres, the model's own input).
    AggregatedHttpResponse direct =
        host.post(
            "/v1/models/iris:predict",
            "iris-predictor.ml.example.com",
            "{\"instances\": [[5.1, 3.5, 1.4, 0.2]]}");
    assertThat(json(direct).get("predictions").get(0).asInt()).isEqualTo(0);
    // :explain reaches the Java explainer, whose predictor calls go through the transformer.
    AggregatedHttpResponse explained =
        host.post(
            "/v1/models/iris:explain",
            "iris.ml.example.com",
            "{\"instances\": [[67, 30, 52, 23]]}");
    assertThat(explained.status().code()).as(explained.contentUtf8()).isEqualTo(200);
    JsonNode explanation = json(explained).get("explanations").get(0);
    assertThat(explanation.get("prediction").asInt()).isEqualTo(2);
    assertThat(explanation.get("decisiveFeatures").toString()).contains("petal");
    // A preprocess that throws answers with its message and the model keeps serving.
    AggregatedHttpResponse bad =
        host.post(
            "/v1/models/iris:predict", "iris.ml.example.com", "{\"instances\": [[1, -2, 3, 4]]}");
    assertThat(bad.status().code()).as(bad.contentUtf8()).isEqualTo(500);
    assertThat(json(bad).get("error").asText())
        .contains(
            "transform failed in "
                + IrisComponentsJar.TRANSFORMER
                + ": IllegalArgumentException: input 'mm': -2.0 at 1");
    assertThat(host.post("/v1/models/iris:predict", "iris.ml.example.com", ROWS).status().code())
        .isEqualTo(200);
  }

  @Test
  void aJavaPredictorFromAJarServesTheInferenceService() throws Exception {
    InferenceService applied =
        host.control.apply(
            isvc(
                "doubler",
                javaContainer(
                        null,
                        IrisComponentsJar.DOUBLER,
                        "/mnt/models/" + IrisComponentsJar.JAR,
                        uri())
                    .replace("--model-name=iris", "--model-name=doubler")));
    assertThat(applied.getStatus().isReady()).as(applied.getStatus().toString()).isTrue();

    AggregatedHttpResponse r =
        host.post(
            "/v1/models/doubler:predict",
            "doubler.ml.example.com",
            "{\"instances\": [[1, 2], [3, 4]]}");
    assertThat(json(r).get("predictions").toString()).isEqualTo("[[2.0,4.0],[6.0,8.0]]");
  }

  @Test
  void aClasspathOutsideTheMountAndAMissingStorageUriAreRefusedNamingTheField() {
    InferenceService outside =
        host.control.apply(
            isvc(
                "iris",
                onnx("v1"),
                javaContainer("transformer", IrisComponentsJar.TRANSFORMER, "/opt/t.jar", uri())));
    Condition transformer = condition(outside, "TransformerReady");
    assertThat(transformer.status()).isEqualTo("False");
    assertThat(transformer.reason()).isEqualTo("InvalidSpec");
    assertThat(transformer.message())
        .startsWith(
            "spec.transformer.containers[kserve-container]: serve args: --classpath '/opt/t.jar'"
                + " (entry '/opt/t.jar') (expected jars or class folders under /mnt/models");

    InferenceService unfetched =
        host.control.apply(
            isvc(
                "iris",
                onnx("v1"),
                javaContainer(
                    "explainer",
                    IrisComponentsJar.EXPLAINER,
                    "/mnt/models/" + IrisComponentsJar.JAR,
                    null)));
    Condition explainer = condition(unfetched, "ExplainerReady");
    assertThat(explainer.status()).isEqualTo("False");
    assertThat(explainer.message())
        .startsWith(
            "spec.explainer.containers[kserve-container].env[STORAGE_URI]: missing (expected the"
                + " location of the jars of --model-class");
    // The predictor serves on at its host.
    assertThat(
            host.post(
                    "/v1/models/iris:predict",
                    "iris-predictor.ml.example.com",
                    "{\"instances\": [[5.1, 3.5, 1.4, 0.2]]}")
                .status()
                .code())
        .isEqualTo(200);
  }

  private String uri() {
    return jarFolder.toUri().toString();
  }
}
