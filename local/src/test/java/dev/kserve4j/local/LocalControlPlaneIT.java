package dev.kserve4j.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kserve4j.api.ResourceCodec;
import dev.kserve4j.api.knative.Condition;
import dev.kserve4j.api.v1alpha1.ClusterServingRuntime;
import dev.kserve4j.api.v1beta1.ComponentStatusSpec;
import dev.kserve4j.api.v1beta1.FailureReason;
import dev.kserve4j.api.v1beta1.InferenceService;
import dev.kserve4j.api.v1beta1.InferenceServiceStatus;
import dev.kserve4j.api.v1beta1.ModelState;
import dev.kserve4j.api.v1beta1.TransitionStatus;
import dev.kserve4j.common.KServeException;
import dev.kserve4j.plan.PlanConfig;
import dev.kserve4j.plan.RuntimeCandidate;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.runtime.ModelRuntimes;
import dev.kserve4j.server.KServeServer;
import dev.kserve4j.server.config.ServerConfig;
import dev.kserve4j.storage.ModelStorage;
import dev.kserve4j.storage.StorageConfig;
import dev.kserve4j.testing.TestModels;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Applies InferenceServices to a real server with the real ONNX and XGBoost runtimes. */
class LocalControlPlaneIT {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final ResourceCodec CODEC = new ResourceCodec();

  private final FakeClock clock = new FakeClock(START);
  private KServeServer server;
  private ModelStorage storage;
  private LocalControlPlane control;
  private final ServiceRoutes routes = new ServiceRoutes("example.com");

  @BeforeEach
  void start(@TempDir Path cache) {
    server =
        KServeServer.start(
            ServerConfig.defaults(List.of()).onEphemeralPorts(),
            ModelRuntimes.discover(LocalControlPlaneIT.class.getClassLoader()),
            routes);
    storage =
        ModelStorage.create(
            StorageConfig.fromEnvironment(Map.of("KSERVE4J_MODEL_CACHE", cache.toString())));
    control = controlPlane(EmbeddedRuntimes.clusterRuntimes());
  }

  private LocalControlPlane controlPlane(List<RuntimeCandidate> runtimes) {
    return new LocalControlPlane(
        server.repository(), storage, runtimes, PlanConfig.defaults(), clock, routes);
  }

  @AfterEach
  void stop() {
    storage.close();
    server.close();
  }

  @Test
  void appliedOnnxServiceIsReadyAndServesTheModel() throws Exception {
    InferenceService applied =
        control.apply(
            isvc("iris", "ml", "onnx", TestModels.directory("iris-onnx").toUri().toString()));

    InferenceServiceStatus status = applied.getStatus();
    assertThat(status.getConditions())
        .extracting(Condition::type, Condition::status, Condition::lastTransitionTime)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("IngressReady", "True", START.toString()),
            org.assertj.core.groups.Tuple.tuple("LatestDeploymentReady", "True", START.toString()),
            org.assertj.core.groups.Tuple.tuple(
                "PredictorConfigurationReady", "True", START.toString()),
            org.assertj.core.groups.Tuple.tuple("PredictorReady", "True", START.toString()),
            org.assertj.core.groups.Tuple.tuple("PredictorRouteReady", "True", START.toString()),
            org.assertj.core.groups.Tuple.tuple("Ready", "True", START.toString()),
            org.assertj.core.groups.Tuple.tuple("RoutesReady", "True", START.toString()));
    assertThat(status.getUrl()).isEqualTo("http://iris.ml.example.com");
    assertThat(status.getAddress().url()).isEqualTo("http://iris.ml.example.com");
    assertThat(status.getClusterServingRuntimeName()).isEqualTo("kserve4j-onnx");
    assertThat(status.getObservedGeneration()).isEqualTo(1L);
    ComponentStatusSpec predictor = status.getComponents().get("predictor");
    assertThat(predictor.latestCreatedRevision()).isEqualTo("iris-predictor-00001");
    assertThat(predictor.latestReadyRevision()).isEqualTo("iris-predictor-00001");
    assertThat(predictor.traffic())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.revisionName()).isEqualTo("iris-predictor-00001");
              assertThat(t.percent()).isEqualTo(100L);
            });
    assertThat(status.getModelStatus().transitionStatus()).isEqualTo(TransitionStatus.UP_TO_DATE);
    assertThat(status.getModelStatus().states().activeModelState()).isEqualTo(ModelState.LOADED);
    assertThat(status.getModelStatus().lastFailureInfo()).isNull();
    assertServesGolden("iris", "iris-onnx");
    assertThat(httpStatus("/v2/models/iris/ready")).isEqualTo(200);
    assertThat(control.get("ml", "iris")).contains(applied);
    assertThat(control.list()).containsExactly(applied);
  }

  @Test
  void xgboostServiceServesThroughTheXGBoostRuntime() throws Exception {
    InferenceService applied =
        control.apply(
            isvc("flowers", "default", "xgboost", TestModels.directory("iris-xgboost").toString()));

    assertThat(applied.getStatus().isReady()).isTrue();
    assertThat(applied.getStatus().getClusterServingRuntimeName()).isEqualTo("kserve4j-xgboost");
    assertServesGolden("flowers", "iris-xgboost");
  }

  @Test
  void changedSpecCreatesARevisionThatServesTheNewModel() throws Exception {
    control.apply(isvc("m", "ml", "onnx", TestModels.directory("iris-onnx").toString()));
    clock.advance(Duration.ofMinutes(1));

    InferenceService changed =
        control.apply(isvc("m", "ml", "onnx", TestModels.directory("mlp-onnx").toUri().toString()));

    ComponentStatusSpec predictor = changed.getStatus().getComponents().get("predictor");
    assertThat(predictor.latestCreatedRevision()).isEqualTo("m-predictor-00002");
    assertThat(predictor.latestReadyRevision()).isEqualTo("m-predictor-00002");
    assertThat(predictor.traffic())
        .singleElement()
        .satisfies(t -> assertThat(t.revisionName()).isEqualTo("m-predictor-00002"));
    assertThat(changed.getMetadata().getGeneration()).isEqualTo(2L);
    // Ready stayed True, so its transition time is the first apply's.
    assertThat(changed.getStatus().condition("Ready").orElseThrow().lastTransitionTime())
        .isEqualTo(START.toString());
    assertServesGolden("m", "mlp-onnx");
  }

  @Test
  void missingStorageFailsTheNewRevisionAndThePreviousKeepsServing() throws Exception {
    control.apply(isvc("iris", "ml", "onnx", TestModels.directory("iris-onnx").toString()));
    clock.advance(Duration.ofMinutes(1));
    Path missing = TestModels.repoRoot().resolve("no-such-model-dir");

    InferenceService failed = control.apply(isvc("iris", "ml", "onnx", missing.toUri().toString()));

    InferenceServiceStatus status = failed.getStatus();
    Condition ready = status.condition("Ready").orElseThrow();
    assertThat(ready.status()).isEqualTo("False");
    assertThat(ready.reason()).isEqualTo("StorageInitializerFailed");
    assertThat(ready.lastTransitionTime()).isEqualTo(START.plus(Duration.ofMinutes(1)).toString());
    // As KServe's ingress reconciler reports it once the predictor had a URL: the previous
    // revision keeps the route and the traffic.
    assertThat(status.condition("IngressReady").orElseThrow().status()).isEqualTo("True");
    assertThat(status.condition("PredictorRouteReady").orElseThrow().status()).isEqualTo("True");
    assertThat(status.condition("LatestDeploymentReady").orElseThrow().status()).isEqualTo("False");
    assertThat(status.condition("PredictorConfigurationReady").orElseThrow().reason())
        .isEqualTo("StorageInitializerFailed");
    assertThat(status.getModelStatus().transitionStatus())
        .isEqualTo(TransitionStatus.BLOCKED_BY_FAILED_LOAD);
    assertThat(status.getModelStatus().states().activeModelState()).isEqualTo(ModelState.LOADED);
    assertThat(status.getModelStatus().states().targetModelState())
        .isEqualTo(ModelState.FAILED_TO_LOAD);
    assertThat(status.getModelStatus().lastFailureInfo().reason())
        .isEqualTo(FailureReason.MODEL_LOAD_FAILED);
    assertThat(status.getModelStatus().lastFailureInfo().message()).contains("no-such-model-dir");
    assertThat(status.getModelStatus().lastFailureInfo().modelRevisionName())
        .isEqualTo("iris-predictor-00002");
    ComponentStatusSpec predictor = status.getComponents().get("predictor");
    assertThat(predictor.latestCreatedRevision()).isEqualTo("iris-predictor-00002");
    assertThat(predictor.latestReadyRevision()).isEqualTo("iris-predictor-00001");
    assertThat(predictor.traffic())
        .singleElement()
        .satisfies(t -> assertThat(t.revisionName()).isEqualTo("iris-predictor-00001"));
    assertServesGolden("iris", "iris-onnx");

    clock.advance(Duration.ofMinutes(1));
    InferenceService retried =
        control.apply(isvc("iris", "ml", "onnx", missing.toUri().toString()));
    assertThat(retried).as("retrying an unchanged failing spec changes nothing").isEqualTo(failed);
  }

  @Test
  void modelThatFailsToLoadIsReportedAndNotListed() throws Exception {
    // An ONNX model directory holding an XGBoost model: storage succeeds, the runtime refuses it.
    InferenceService failed =
        control.apply(isvc("bad", "ml", "onnx", TestModels.directory("iris-xgboost").toString()));

    assertThat(failed.getStatus().condition("Ready").orElseThrow().reason())
        .isEqualTo("ModelLoadFailed");
    assertThat(failed.getStatus().condition("IngressReady").orElseThrow().status())
        .isEqualTo("False");
    assertThat(failed.getStatus().getModelStatus().states().activeModelState())
        .isEqualTo(ModelState.FAILED_TO_LOAD);
    assertThat(failed.getStatus().getModelStatus().lastFailureInfo().message())
        .contains("iris-xgboost");
    assertThat(server.repository().names()).isEmpty();
  }

  @Test
  void aSpecKServesWebhookDeniesIsRefusedWithItsMessageAndChangesNothing() throws Exception {
    InferenceService serving =
        control.apply(isvc("iris", "ml", "onnx", TestModels.directory("iris-onnx").toString()));
    InferenceService invalid =
        CODEC.read(
            """
            apiVersion: serving.kserve.io/v1beta1
            kind: InferenceService
            metadata: {name: iris, namespace: ml}
            spec:
              predictor:
                model:
                  name: not-allowed
                  modelFormat: {name: onnx}
                  storageUri: /models/none
            """,
            "test",
            InferenceService.class);

    assertThatThrownBy(() -> control.apply(invalid))
        .isInstanceOf(AdmissionDeniedException.class)
        .hasMessage(
            "admission webhook \"inferenceservice.kserve-webhook-server.validator\" denied the"
                + " request: the 'name' field is not allowed in standard predictor");

    InferenceService stored = control.get("ml", "iris").orElseThrow();
    assertThat(stored.getMetadata().getGeneration()).isEqualTo(1);
    assertThat(stored.getSpec()).isEqualTo(serving.getSpec());
    assertThat(stored.getStatus().isReady()).isTrue();
    assertThat(stored.getStatus().getComponents().get("predictor").latestCreatedRevision())
        .isEqualTo("iris-predictor-00001");
    assertServesGolden("iris", "iris-onnx");
  }

  @Test
  void aNameKServeRefusesIsStoredNowhere() {
    for (String name : List.of("../../etc", "A_B", "a".repeat(300))) {
      InferenceService isvc =
          isvc("ok", "ml", "onnx", TestModels.directory("iris-onnx").toString());
      isvc.getMetadata().setName(name);

      assertThatThrownBy(() -> control.apply(isvc))
          .isInstanceOf(AdmissionDeniedException.class)
          .hasMessageContaining("the InferenceService \"" + name + "\" is invalid");
    }
    assertThat(control.list()).isEmpty();
    assertThat(server.repository().names()).isEmpty();
  }

  @Test
  void formatWithoutARuntimeIsNoSupportingRuntime() {
    InferenceServiceStatus status =
        control.apply(isvc("p", "ml", "paddle", "/models/paddle")).getStatus();

    assertThat(status.getModelStatus().lastFailureInfo().reason())
        .isEqualTo(FailureReason.NO_SUPPORTING_RUNTIME);
    assertThat(status.getModelStatus().transitionStatus()).isEqualTo(TransitionStatus.INVALID_SPEC);
    assertThat(status.condition("Ready").orElseThrow().status()).isEqualTo("False");
    assertThat(status.getComponents()).isNull();
    assertThat(server.repository().names()).isEmpty();
  }

  @Test
  void runtimeThatIsNotAKServe4jRuntimeIsRefusedByName() {
    ClusterServingRuntime paddle =
        CODEC.read(
            """
            apiVersion: serving.kserve.io/v1alpha1
            kind: ClusterServingRuntime
            metadata: {name: kserve-paddleserver}
            spec:
              supportedModelFormats: [{name: paddle, version: "2", autoSelect: true}]
              protocolVersions: [v1, v2]
              containers:
              - name: kserve-container
                image: kserve/paddleserver:latest
                args: ["--model_name={{.Name}}", "--model_dir=/mnt/models"]
            """,
            "test",
            ClusterServingRuntime.class);
    List<RuntimeCandidate> runtimes = new ArrayList<>(EmbeddedRuntimes.clusterRuntimes());
    runtimes.add(RuntimeCandidate.of(paddle));

    InferenceServiceStatus status =
        controlPlane(runtimes).apply(isvc("pd", "ml", "paddle", "/models/pd")).getStatus();

    assertThat(status.getModelStatus().lastFailureInfo().reason())
        .isEqualTo(FailureReason.RUNTIME_NOT_RECOGNIZED);
    assertThat(status.getModelStatus().lastFailureInfo().message())
        .contains("kserve-paddleserver", "kserve4j runtimes only");
    assertThat(server.repository().names()).isEmpty();
  }

  @Test
  void sameNameInAnotherNamespaceIsRefused() throws Exception {
    control.apply(isvc("iris", "a", "onnx", TestModels.directory("iris-onnx").toString()));

    InferenceServiceStatus status =
        control
            .apply(isvc("iris", "b", "onnx", TestModels.directory("mlp-onnx").toString()))
            .getStatus();

    assertThat(status.condition("Ready").orElseThrow().reason()).isEqualTo("NameConflict");
    assertThat(status.getModelStatus().lastFailureInfo().message()).contains("'a'");
    assertServesGolden("iris", "iris-onnx");
  }

  @Test
  void deleteStopsServingAndForgetsTheService() throws Exception {
    control.apply(isvc("iris", "ml", "onnx", TestModels.directory("iris-onnx").toString()));

    assertThat(control.delete("ml", "iris")).isTrue();

    assertThat(control.get("ml", "iris")).isEmpty();
    assertThat(control.list()).isEmpty();
    assertThat(server.repository().names()).isEmpty();
    assertThat(httpStatus("/v2/models/iris/ready")).isEqualTo(404);
    assertThatThrownBy(() -> server.dataPlane().modelReady("iris", null))
        .isInstanceOfSatisfying(
            KServeException.class, e -> assertThat(e.getMessage()).contains("'iris' not found"));
    assertThat(control.delete("ml", "iris")).isFalse();
  }

  @Test
  void reapplyingAnUnchangedSpecIsIdempotent() throws Exception {
    InferenceService first =
        control.apply(isvc("iris", "ml", "onnx", TestModels.directory("iris-onnx").toString()));
    clock.advance(Duration.ofMinutes(5));

    InferenceService again =
        control.apply(isvc("iris", "ml", "onnx", TestModels.directory("iris-onnx").toString()));

    assertThat(again).isEqualTo(first);
    assertThat(again.getStatus().getComponents().get("predictor").latestCreatedRevision())
        .isEqualTo("iris-predictor-00001");
    assertThat(again.getMetadata().getGeneration()).isEqualTo(1L);
    assertServesGolden("iris", "iris-onnx");
  }

  @Test
  void changingTheRecordedDeploymentModeIsDeniedAsKServeDeniesIt() throws Exception {
    InferenceService first =
        control.apply(isvc("iris", "ml", "onnx", TestModels.directory("iris-onnx").toString()));
    InferenceService standard =
        isvc("iris", "ml", "onnx", TestModels.directory("iris-onnx").toString());
    standard.getMetadata().setAnnotations(Map.of("serving.kserve.io/deploymentMode", "Standard"));

    assertThatThrownBy(() -> control.apply(standard))
        .isInstanceOf(AdmissionDeniedException.class)
        .hasMessageEndingWith(
            "denied the request: update rejected: deploymentMode cannot be changed from"
                + " 'Knative' to 'Standard'");

    assertThat(control.get("ml", "iris").orElseThrow()).isEqualTo(first);
    assertServesGolden("iris", "iris-onnx");
  }

  @Test
  void theDeploymentModeAnnotationDecidesTheUrl() throws Exception {
    InferenceService standard =
        isvc("iris", "ml", "onnx", TestModels.directory("iris-onnx").toString());
    standard.getMetadata().setAnnotations(Map.of("serving.kserve.io/deploymentMode", "Standard"));

    InferenceService applied = control.apply(standard);

    assertThat(applied.getStatus().getUrl()).isEqualTo("http://iris-ml.example.com");
    assertThat(applied.getStatus().getDeploymentMode()).isEqualTo("Standard");
    assertServesGolden("iris", "iris-onnx");
  }

  private static InferenceService isvc(
      String name, String namespace, String format, String storageUri) {
    return CODEC.read(
        """
        apiVersion: serving.kserve.io/v1beta1
        kind: InferenceService
        metadata: {name: %s, namespace: %s}
        spec:
          predictor:
            model:
              modelFormat: {name: %s}
              storageUri: %s
        """
            .formatted(name, namespace, format, storageUri),
        "test",
        InferenceService.class);
  }

  /** Runs {@code fixture}'s golden inputs through the data plane and compares every FP32 output. */
  /** The repository model (a revision) that answers {@code model} now. */
  private String served(String model) {
    return routes.byModel(model).flatMap(r -> r.resolve(model)).orElseThrow();
  }

  private void assertServesGolden(String model, String fixture) throws IOException {
    JsonNode golden =
        new ObjectMapper().readTree(TestModels.file(fixture, "expected.json").toFile());
    List<Tensor> inputs = new ArrayList<>();
    for (JsonNode in : golden.path("inputs")) {
      inputs.add(
          Tensor.ofFloats(
              in.path("name").asText(), longs(in.path("shape")), floats(in.path("data"))));
    }
    InferResponse response =
        server
            .dataPlane()
            .infer(InferRequest.of(served(model), inputs.toArray(Tensor[]::new)))
            .orTimeout(60, TimeUnit.SECONDS)
            .join();
    double tolerance = golden.path("tolerance").asDouble();
    int compared = 0;
    for (JsonNode out : golden.path("outputs")) {
      if (!out.path("datatype").asText().equals("FP32")) {
        continue;
      }
      float[] actual = response.output(out.path("name").asText()).orElseThrow().floats();
      float[] expected = floats(out.path("data"));
      assertThat(actual)
          .as("%s output %s", model, out.path("name").asText())
          .hasSameSizeAs(expected);
      for (int i = 0; i < expected.length; i++) {
        assertThat(actual[i]).isCloseTo(expected[i], within((float) tolerance));
      }
      compared++;
    }
    assertThat(compared).as("FP32 outputs compared for %s", fixture).isPositive();
  }

  private int httpStatus(String path) throws Exception {
    try (HttpClient client = HttpClient.newHttpClient()) {
      return client
          .send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path))
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    }
  }

  private static long[] longs(JsonNode array) {
    long[] out = new long[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asLong();
    }
    return out;
  }

  private static float[] floats(JsonNode array) {
    float[] out = new float[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) array.get(i).asDouble();
    }
    return out;
  }
}
