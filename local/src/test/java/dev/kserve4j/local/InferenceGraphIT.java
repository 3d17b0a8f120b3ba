package dev.kserve4j.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.MediaType;
import dev.kserve4j.api.ResourceCodec;
import dev.kserve4j.api.v1alpha1.InferenceGraph;
import dev.kserve4j.api.v1beta1.InferenceService;
import dev.kserve4j.testing.TestModels;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * InferenceGraphs in the embedded host, over a real socket: an XGBoost and an ONNX iris in a
 * Sequence and an Ensemble, called by Host and by path, steps in-process; status follows the
 * services; graphs that cannot run are refused at apply.
 */
class InferenceGraphIT {
  private static final ResourceCodec CODEC = new ResourceCodec();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String IRIS = "{\"instances\":[[6.8,2.8,4.8,1.4],[5.1,3.5,1.4,0.2]]}";

  private EmbeddedHost host;
  private LocalControlPlane control;

  @BeforeEach
  void start(@TempDir Path cache) {
    host = new EmbeddedHost(cache);
    control = host.control;
  }

  @AfterEach
  void stop() {
    host.close();
  }

  private static InferenceService isvc(String name, String format, String model) {
    return CODEC.read(
        """
        apiVersion: serving.kserve.io/v1beta1
        kind: InferenceService
        metadata: {name: %s}
        spec:
          predictor:
            model:
              modelFormat: {name: %s}
              storageUri: %s
        """
            .formatted(name, format, TestModels.directory(model)),
        "test",
        InferenceService.class);
  }

  private static InferenceGraph graph(String yaml) {
    return CODEC.read(yaml, "test", InferenceGraph.class);
  }

  /** A response as the test reads it. */
  private record Answer(int statusCode, String body, String contentType) {}

  private Answer post(String path, String hostHeader, String body) {
    AggregatedHttpResponse r = host.post(path, hostHeader, body);
    MediaType type = r.headers().contentType();
    return new Answer(r.status().code(), r.contentUtf8(), type == null ? null : type.toString());
  }

  private static JsonNode json(String s) {
    try {
      return JSON.readTree(s);
    } catch (IOException e) {
      throw new IllegalArgumentException(s, e);
    }
  }

  private void applyIris() {
    assertThat(control.apply(isvc("xgb-iris", "xgboost", "iris-xgboost")).getStatus().isReady())
        .isTrue();
    assertThat(control.apply(isvc("onnx-iris", "onnx", "iris-onnx")).getStatus().isReady())
        .isTrue();
  }

  private static final String ENSEMBLE =
      """
      apiVersion: serving.kserve.io/v1alpha1
      kind: InferenceGraph
      metadata: {name: iris-ensemble}
      spec:
        nodes:
          root:
            routerType: Ensemble
            steps:
            - {name: xgb, serviceName: xgb-iris}
            - {name: onnx, serviceName: onnx-iris}
            - {name: url, serviceUrl: "http://xgb-iris.default.example.com/v1/models/xgb-iris:predict"}
      """;

  @Test
  void anEnsembleOfAnXgboostAndAnOnnxIrisAnswersBothByHostAndByPath() {
    applyIris();
    InferenceGraph applied = control.applyGraph(graph(ENSEMBLE));
    assertThat(applied.getStatus().getUrl()).isEqualTo("http://iris-ensemble.default.example.com");
    assertThat(applied.getStatus().isReady()).isTrue();

    Answer direct = post("/v1/models/xgb-iris:predict", null, IRIS);
    Answer onnx = post("/v1/models/onnx-iris:predict", null, IRIS);
    Answer byHost = post("/", "iris-ensemble.default.example.com", IRIS);
    assertThat(byHost.statusCode()).as(byHost.body()).isEqualTo(200);
    assertThat(byHost.contentType()).startsWith("application/json");
    assertThat(json(byHost.body()))
        .isEqualTo(
            json(
                "{\"xgb\":"
                    + direct.body()
                    + ",\"onnx\":"
                    + onnx.body()
                    + ",\"url\":"
                    + direct.body()
                    + "}"));
    System.out.println("ensemble answer: " + byHost.body());

    Answer byPath = post("/serving/default/iris-ensemble", null, IRIS);
    assertThat(byPath.statusCode()).isEqualTo(200);
    assertThat(json(byPath.body())).isEqualTo(json(byHost.body()));
  }

  @Test
  void aSequenceRunsItsConditionOnThePreviousAnswer() {
    applyIris();
    control.applyGraph(
        graph(
            """
            apiVersion: serving.kserve.io/v1alpha1
            kind: InferenceGraph
            metadata: {name: iris-sequence}
            spec:
              nodes:
                root:
                  routerType: Sequence
                  steps:
                  - {name: xgb, serviceName: xgb-iris}
                  - {name: onnx, serviceName: onnx-iris, condition: "predictions.0.#(>0.5)"}
                  - {name: never, serviceName: xgb-iris, condition: "predictions.#(>=99)"}
            """));
    Answer r = post("/", "iris-sequence.default.example.com", IRIS);
    Answer onnx = post("/v1/models/onnx-iris:predict", null, IRIS);
    // The third step's condition fails on the ONNX answer: that answer comes back with 200.
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r.body())).isEqualTo(json(onnx.body()));
  }

  @Test
  void readyFollowsTheServicesAGraphNames() {
    // A graph naming a service that does not exist cannot run: refused.
    assertThatThrownBy(() -> control.applyGraph(graph(ENSEMBLE)))
        .hasMessageContaining(
            "step \"xgb\" of node \"root\" names InferenceService \"xgb-iris\"; step \"onnx\" of"
                + " node \"root\" names InferenceService \"onnx-iris\", which does not exist in"
                + " namespace \"default\"");
    assertThat(control.listGraphs()).isEmpty();

    // One that exists but does not serve: applied, not Ready, the step failing by name.
    control.apply(isvc("onnx-iris", "onnx", "iris-onnx"));
    InferenceService broken = isvc("xgb-iris", "xgboost", "iris-xgboost");
    broken.getSpec().getPredictor().getModel().setStorageUri("/no/such/model");
    assertThat(control.apply(broken).getStatus().isReady()).isFalse();
    InferenceGraph before = control.applyGraph(graph(ENSEMBLE));
    assertThat(before.getStatus().isReady()).isFalse();
    assertThat(before.getStatus().getConditions().get(0).reason()).isEqualTo("ServiceNotReady");
    assertThat(before.getStatus().getConditions().get(0).message())
        .contains("step \"xgb\" of node \"root\": InferenceService \"xgb-iris\" is not Ready");
    Answer early = post("/", "iris-ensemble.default.example.com", IRIS);
    assertThat(early.statusCode()).isEqualTo(500);
    assertThat(early.body()).contains("InferenceService \\\"xgb-iris\\\" in namespace");

    applyIris();
    assertThat(control.getGraph("default", "iris-ensemble").orElseThrow().getStatus().isReady())
        .isTrue();
    control.delete("default", "onnx-iris");
    assertThat(control.getGraph("default", "iris-ensemble").orElseThrow().getStatus().isReady())
        .isFalse();

    assertThat(control.deleteGraph("default", "iris-ensemble")).isTrue();
    assertThat(post("/", "iris-ensemble.default.example.com", IRIS).statusCode()).isEqualTo(404);
  }

  @Test
  void graphsThatCannotRunAreRefusedAtApplyNamingTheNodeAndStep() {
    assertThatThrownBy(
            () ->
                control.applyGraph(
                    graph(
                        """
                        apiVersion: serving.kserve.io/v1alpha1
                        kind: InferenceGraph
                        metadata: {name: bad}
                        spec:
                          nodes:
                            root:
                              routerType: Splitter
                              steps:
                              - {serviceName: a, weight: 50}
                              - {serviceName: b, weight: 20}
                        """)))
        .isInstanceOf(AdmissionDeniedException.class)
        .hasMessageContaining(
            "InferenceGraph[bad] Node[root] splitter node: the sum of traffic weights for all"
                + " routing targets should be 100");
    assertThatThrownBy(
            () ->
                control.applyGraph(
                    graph(
                        """
                        apiVersion: serving.kserve.io/v1alpha1
                        kind: InferenceGraph
                        metadata: {name: ssrf}
                        spec:
                          nodes:
                            root:
                              routerType: Sequence
                              steps:
                              - {name: meta, serviceUrl: "http://169.254.169.254/latest"}
                        """)))
        .hasMessageContaining(
            "step \"meta\" of node \"root\": serviceUrl http://169.254.169.254/latest reaches host"
                + " \"169.254.169.254\"");
    assertThat(control.listGraphs()).isEmpty();
  }
}
