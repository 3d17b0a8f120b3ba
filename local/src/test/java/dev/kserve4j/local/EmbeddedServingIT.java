package dev.kserve4j.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kserve4j.api.ResourceCodec;
import dev.kserve4j.api.v1alpha1.ServingRuntime;
import dev.kserve4j.api.v1beta1.InferenceService;
import dev.kserve4j.plan.PlanConfig;
import dev.kserve4j.runtime.ModelRuntimes;
import dev.kserve4j.server.KServeServer;
import dev.kserve4j.server.config.BatchingConfig;
import dev.kserve4j.server.config.ServerConfig;
import dev.kserve4j.storage.ModelStorage;
import dev.kserve4j.storage.StorageConfig;
import dev.kserve4j.testing.TestModels;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a spec shapes what serves it in-process: routes published for its hosts and path, the runtime
 * that runs it (a namespace ServingRuntime with batching and options, a foreign image), the
 * predictor's batcher and a GPU request (canaries: CanaryRolloutIT, StandardCanaryIT). A real
 * server and the ONNX runtime.
 */
class EmbeddedServingIT {
  private static final ResourceCodec CODEC = new ResourceCodec();
  private static final String IRIS = TestModels.directory("iris-onnx").toString();

  private KServeServer server;
  private ModelStorage storage;
  private ServiceRoutes routes;
  private LocalControlPlane control;

  @BeforeEach
  void start(@TempDir Path cache) {
    server =
        KServeServer.start(
            ServerConfig.defaults(List.of()).onEphemeralPorts(),
            ModelRuntimes.discover(EmbeddedServingIT.class.getClassLoader()));
    storage =
        ModelStorage.create(
            StorageConfig.fromEnvironment(Map.of("KSERVE4J_MODEL_CACHE", cache.toString())));
    routes = new ServiceRoutes("example.com");
    control =
        new LocalControlPlane(
            server.repository(),
            storage,
            EmbeddedRuntimes.clusterRuntimes(),
            PlanConfig.defaults(),
            Clock.systemUTC(),
            routes);
  }

  @AfterEach
  void stop() {
    storage.close();
    server.close();
  }

  /**
   * An ONNX InferenceService; {@code predictorFields} and {@code modelFields} are extra YAML lines
   * under {@code spec.predictor} and {@code spec.predictor.model}.
   */
  private static InferenceService isvc(
      String name,
      String namespace,
      String storageUri,
      String predictorFields,
      String modelFields) {
    return CODEC.read(
        """
        apiVersion: serving.kserve.io/v1beta1
        kind: InferenceService
        metadata: {name: %s, namespace: %s}
        spec:
          predictor:
        %s    model:
              modelFormat: {name: onnx}
              storageUri: %s
        %s\
        """
            .formatted(
                name, namespace, predictorFields.indent(4), storageUri, modelFields.indent(6)),
        "test",
        InferenceService.class);
  }

  private static InferenceService isvc(String name, String namespace, String storageUri) {
    return isvc(name, namespace, storageUri, "", "");
  }

  private void applyRuntime(String name, String image, String args) {
    control.applyRuntime(
        CODEC.read(
            """
            apiVersion: serving.kserve.io/v1alpha1
            kind: ServingRuntime
            metadata: {name: %s, namespace: ml}
            spec:
              supportedModelFormats:
                - {name: onnx, autoSelect: true, priority: 9}
              protocolVersions: [v2, v1]
              containers:
                - {name: kserve-container, image: %s, args: %s}
            """
                .formatted(name, image, args),
            "test",
            ServingRuntime.class));
  }

  private static String failure(InferenceService applied) {
    assertThat(applied.getStatus().isReady()).isFalse();
    return applied.getStatus().getModelStatus().lastFailureInfo().message();
  }

  @Test
  void servingServicesAreRoutedByHostAndPathUntilDeleted() {
    control.apply(isvc("iris", "ml", IRIS));

    assertThat(routes.byHost("iris.ml.example.com"))
        .hasValueSatisfying(
            r -> {
              assertThat(r.qualifiedName()).isEqualTo("ml/iris");
              assertThat(r.models()).containsExactly("iris");
            });
    assertThat(routes.byHost("iris-predictor.ml.example.com")).isPresent();
    assertThat(routes.byPath("ml", "iris")).isPresent();
    assertThat(routes.manages("other.ml.example.com")).isTrue();
    assertThat(routes.manages("localhost")).isFalse();

    // A failed spec keeps the serving revision routed.
    control.apply(isvc("iris", "ml", "/no/such/model"));
    assertThat(routes.byHost("iris.ml.example.com")).isPresent();

    control.delete("ml", "iris");
    assertThat(routes.byHost("iris.ml.example.com")).isEmpty();
    assertThat(routes.byPath("ml", "iris")).isEmpty();
  }

  @Test
  void aNamespaceServingRuntimeOnTheKserve4jImageIsSelectedWithItsBatchingAndOptions() {
    applyRuntime(
        "onnx-batched",
        "ghcr.io/kserve4j/kserve4j-server:0.1.0",
        "[serve, --model-format=onnx,"
            + " --max-batch-size=8, --max-queue-delay-us=500, --option=intraOpThreads=1]");

    InferenceService inMl = control.apply(isvc("iris", "ml", IRIS));
    assertThat(inMl.getStatus().getServingRuntimeName()).isEqualTo("onnx-batched");
    assertThat(server.repository().get("iris-predictor-00001").config().batching())
        .isEqualTo(new BatchingConfig(8, 500, 1));
    assertThat(server.repository().get("iris-predictor-00001").config().options())
        .containsEntry("intraOpThreads", "1");
    // Another namespace does not see it and keeps kserve4j's cluster runtime.
    InferenceService inDefault = control.apply(isvc("flowers", "default", IRIS));
    assertThat(inDefault.getStatus().getClusterServingRuntimeName()).isEqualTo("kserve4j-onnx");
    assertThat(server.repository().get("flowers-predictor-00001").config().batching()).isNull();
  }

  @Test
  void thePredictorsBatcherTurnsOnDynamicBatching() {
    InferenceService batched =
        isvc("iris", "ml", IRIS, "batcher: {maxBatchSize: 4, maxLatency: 2}", "");

    assertThat(control.apply(batched).getStatus().isReady()).isTrue();
    assertThat(server.repository().get("iris-predictor-00001").config().batching())
        .isEqualTo(new BatchingConfig(4, 2000, 1));
  }

  @Test
  void aServingRuntimeOnAnotherImageIsNotRunEmbedded() {
    applyRuntime("my-triton", "nvcr.io/nvidia/tritonserver:24.01-py3", "[tritonserver]");

    assertThat(failure(control.apply(isvc("iris", "ml", IRIS, "", "protocolVersion: v2"))))
        .contains("ServingRuntime 'my-triton' is not a kserve4j runtime");
  }

  @Test
  void aGpuInTheResourcesAsksForCudaAndFailsClearlyWithoutIt() {
    InferenceService gpu =
        isvc("iris", "ml", IRIS, "", "resources: {limits: {nvidia.com/gpu: \"1\"}}");

    // This build's ONNX Runtime is the CPU one (-Dgpu swaps in onnxruntime_gpu): no silent
    // fallback.
    assertThat(failure(control.apply(gpu)))
        .contains("option device asks for CUDA but this ONNX Runtime has only");
  }
}
