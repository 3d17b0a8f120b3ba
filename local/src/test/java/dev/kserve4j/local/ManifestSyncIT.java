package dev.kserve4j.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.kserve4j.api.v1beta1.InferenceService;
import dev.kserve4j.plan.PlanConfig;
import dev.kserve4j.runtime.ModelRuntimes;
import dev.kserve4j.server.KServeServer;
import dev.kserve4j.server.config.ServerConfig;
import dev.kserve4j.storage.ModelStorage;
import dev.kserve4j.storage.StorageConfig;
import dev.kserve4j.testing.TestModels;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A directory of manifests kept in step with a real control plane, server and ONNX runtime. */
class ManifestSyncIT {
  private static final String RUNTIME =
      """
      apiVersion: serving.kserve.io/v1alpha1
      kind: ServingRuntime
      metadata: {name: onnx-batched}
      spec:
        supportedModelFormats: [{name: onnx, autoSelect: true, priority: 9}]
        protocolVersions: [v1, v2]
        containers:
          - {name: kserve-container, image: kserve4j/kserve4j-server, args: [--model-format=onnx, --max-batch-size=4]}
      """;

  @TempDir Path dir;
  private KServeServer server;
  private ModelStorage storage;
  private LocalControlPlane control;
  private final List<String> events = new CopyOnWriteArrayList<>();
  private ManifestSync sync;
  private final ServiceRoutes routes = new ServiceRoutes("example.com");

  /** The repository model (a revision) that answers {@code model} now. */
  private String served(String model) {
    return routes.byModel(model).flatMap(r -> r.resolve(model)).orElseThrow();
  }

  @BeforeEach
  void start(@TempDir Path cache) {
    server =
        KServeServer.start(
            ServerConfig.defaults(List.of()).onEphemeralPorts(),
            ModelRuntimes.discover(ManifestSyncIT.class.getClassLoader()),
            routes);
    storage =
        ModelStorage.create(
            StorageConfig.fromEnvironment(Map.of("KSERVE4J_MODEL_CACHE", cache.toString())));
    control =
        new LocalControlPlane(
            server.repository(),
            storage,
            EmbeddedRuntimes.clusterRuntimes(),
            PlanConfig.defaults(),
            Clock.systemUTC(),
            routes);
    sync =
        new ManifestSync(
            dir,
            control,
            new ManifestSync.Listener() {
              @Override
              public void applied(Path file, HasMetadata resource) {
                events.add(
                    "applied "
                        + file.getFileName()
                        + " "
                        + resource.getKind()
                        + "/"
                        + resource.getMetadata().getName());
              }

              @Override
              public void deleted(Path file, String kind, String namespace, String name) {
                events.add("deleted " + file.getFileName() + " " + namespace + "/" + name);
              }

              @Override
              public void failed(Path file, String reason) {
                events.add("failed " + file.getFileName() + " " + reason);
              }
            });
  }

  @AfterEach
  void stop() {
    sync.close();
    storage.close();
    server.close();
  }

  private static String isvc(String name, String fixture) {
    return """
    apiVersion: serving.kserve.io/v1beta1
    kind: InferenceService
    metadata: {name: %s}
    spec:
      predictor:
        model:
          modelFormat: {name: onnx}
          storageUri: %s
    """
        .formatted(name, TestModels.directory(fixture));
  }

  private void write(String file, String... documents) throws IOException {
    Files.writeString(dir.resolve(file), String.join("---\n", documents));
  }

  private long generation(String name) {
    return control.get("default", name).map(i -> i.getMetadata().getGeneration()).orElse(-1L);
  }

  @Test
  void appliesRuntimesFirstThenReappliesChangedFilesOnly() throws IOException {
    write("a-iris.yaml", isvc("iris", "iris-onnx"));
    write("b-flowers.yaml", isvc("flowers", "iris-onnx"));
    write("z-runtime.yaml", RUNTIME);
    Files.writeString(dir.resolve("notes.txt"), "not a manifest");
    sync.applyAll();

    // The runtime in the last file was applied before the services of the first ones selected it.
    assertThat(events).first().isEqualTo("applied z-runtime.yaml ServingRuntime/onnx-batched");
    assertThat(control.get("default", "iris").orElseThrow().getStatus().getServingRuntimeName())
        .isEqualTo("onnx-batched");
    assertThat(control.list()).hasSize(2).allMatch(i -> i.getStatus().isReady());

    events.clear();
    sync.sync(dir.resolve("b-flowers.yaml"));
    assertThat(events).as("unchanged content is not applied again").isEmpty();

    write("a-iris.yaml", isvc("iris", "mlp-onnx"));
    sync.sync(dir.resolve("a-iris.yaml"));
    assertThat(generation("iris")).isEqualTo(2);
    assertThat(generation("flowers")).isEqualTo(1);
    assertThat(server.dataPlane().modelMetadata(served("iris"), null).inputs().get(0).name())
        .isEqualTo("input");
  }

  @Test
  void aBrokenFileChangesNothingAndARemovedServiceIsDeleted() throws IOException {
    write("services.yaml", isvc("iris", "iris-onnx"), isvc("flowers", "iris-onnx"));
    sync.applyAll();

    write(
        "services.yaml",
        "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata: {name: [");
    sync.sync(dir.resolve("services.yaml"));
    assertThat(events).last().asString().startsWith("failed services.yaml");
    assertThat(control.list()).hasSize(2);

    // flowers moves to another file: kept. iris leaves every file: deleted.
    write("flowers.yaml", isvc("flowers", "iris-onnx"));
    sync.sync(dir.resolve("flowers.yaml"));
    Files.delete(dir.resolve("services.yaml"));
    sync.sync(dir.resolve("services.yaml"));
    assertThat(events).contains("deleted services.yaml default/iris");
    assertThat(control.list())
        .extracting(i -> i.getMetadata().getName())
        .containsExactly("flowers");
    assertThat(server.repository().names()).containsExactly("flowers-predictor-00001");
  }

  private static String withReplicas(String isvc, int min, int max) {
    return isvc.replace(
        "  predictor:\n",
        "  predictor:\n    minReplicas: " + min + "\n    maxReplicas: " + max + "\n");
  }

  @Test
  void anEditTheWebhookDeniesChangesNothingAndTheRunningVersionServes() throws IOException {
    write("services.yaml", isvc("iris", "iris-onnx"), isvc("flowers", "iris-onnx"));
    sync.applyAll();

    write(
        "services.yaml",
        withReplicas(isvc("iris", "mlp-onnx"), 3, 1),
        isvc("flowers", "iris-onnx"));
    sync.sync(dir.resolve("services.yaml"));

    assertThat(events)
        .last()
        .asString()
        .isEqualTo(
            "failed services.yaml "
                + dir.resolve("services.yaml")
                + ": admission webhook \"inferenceservice.kserve-webhook-server.validator\" denied"
                + " the request: 'MinReplicas' cannot be greater than MaxReplicas (maxReplicas:"
                + " 1)");
    InferenceService iris = control.get("default", "iris").orElseThrow();
    assertThat(iris.getMetadata().getGeneration()).isEqualTo(1);
    assertThat(iris.getSpec().getPredictor().getMinReplicas()).isNull();
    assertThat(iris.getStatus().isReady()).isTrue();
    assertThat(control.list()).hasSize(2);
    assertThat(server.dataPlane().modelMetadata(served("iris"), null).inputs().get(0).name())
        .isEqualTo("float_input");

    write("services.yaml", isvc("A_B", "iris-onnx"), isvc("flowers", "iris-onnx"));
    sync.sync(dir.resolve("services.yaml"));
    assertThat(events).last().asString().contains("the InferenceService \"A_B\" is invalid");
    assertThat(control.list())
        .extracting(i -> i.getMetadata().getName())
        .containsExactly("iris", "flowers");
    assertThat(server.repository().names())
        .containsExactlyInAnyOrder("iris-predictor-00001", "flowers-predictor-00001");
  }

  @Test
  void aFileTheWebhookDeniesFailsTheFirstApplyNamingItAndAppliesNothing() throws IOException {
    write("a.yaml", isvc("iris", "iris-onnx"));
    write("b.yaml", isvc("x".repeat(64), "iris-onnx"));

    assertThatThrownBy(sync::applyAll)
        .hasMessage(
            dir.resolve("b.yaml")
                + ": admission webhook \"inferenceservice.kserve-webhook-server.validator\" denied"
                + " the request: the InferenceService \""
                + "x".repeat(64)
                + "\" is invalid: metadata.name: Invalid value: \""
                + "x".repeat(64)
                + "\": must be no more than 63 characters");
    assertThat(control.list()).isEmpty();
    assertThat(server.repository().names()).isEmpty();
  }

  @Test
  void watchingAppliesASavedChange() throws IOException {
    write("iris.yaml", isvc("iris", "iris-onnx"));
    sync.applyAll();
    sync.watch();

    write("iris.yaml", isvc("iris", "mlp-onnx"));
    await("generation 2 of iris applied")
        .atMost(Duration.ofSeconds(30))
        .until(() -> generation("iris") == 2);
    InferenceService iris = control.get("default", "iris").orElseThrow();
    assertThat(iris.getStatus().isReady()).isTrue();
    assertThat(iris.getStatus().getComponents().get("predictor").latestReadyRevision())
        .isEqualTo("iris-predictor-00002");

    write("more.yaml", isvc("flowers", "iris-onnx"));
    await("flowers applied")
        .atMost(Duration.ofSeconds(30))
        .until(() -> control.get("default", "flowers").isPresent());
  }

  @Test
  void anLlmInferenceServiceInAFileIsServedAndDeletedWithIt(@TempDir Path pvc) throws IOException {
    dev.kserve4j.runtime.llm.TinyGguf.write(pvc.resolve("models/tiny"));
    storage.close();
    storage =
        ModelStorage.create(
            StorageConfig.fromEnvironment(
                Map.of(
                    "KSERVE4J_MODEL_CACHE",
                    pvc.resolve("cache").toString(),
                    "KSERVE4J_PVC_ROOT",
                    pvc.toString())));
    control =
        new LocalControlPlane(
            server.repository(),
            storage,
            EmbeddedRuntimes.clusterRuntimes(),
            PlanConfig.defaults(),
            Clock.systemUTC());
    ManifestSync llms =
        new ManifestSync(
            dir,
            control,
            new ManifestSync.Listener() {
              public void applied(Path f, HasMetadata r) {
                events.add("applied " + r.getKind() + "/" + r.getMetadata().getName());
              }

              public void deleted(Path f, String kind, String n, String m) {
                events.add("deleted " + kind + " " + n + "/" + m);
              }

              public void failed(Path f, String reason) {
                events.add("failed " + reason);
              }
            });
    write(
        "chat.yaml",
        """
        apiVersion: serving.kserve.io/v1alpha1
        kind: LLMInferenceService
        metadata: {name: chat}
        spec:
          model: {uri: "pvc://models/tiny/model.gguf", name: tiny}
        """);
    llms.applyAll();
    assertThat(events).containsExactly("applied LLMInferenceService/chat");
    assertThat(control.getLlm("default", "chat").orElseThrow().getStatus().isReady()).isTrue();
    assertThat(server.repository().names()).containsExactly("tiny");

    Files.delete(dir.resolve("chat.yaml"));
    llms.sync(dir.resolve("chat.yaml"));
    assertThat(events).contains("deleted LLMInferenceService default/chat");
    assertThat(server.repository().names()).isEmpty();
  }

  @Test
  void aMissingSourceOrAnUnparsableFileFailsTheFirstApplyNamingIt() throws IOException {
    ManifestSync missing =
        new ManifestSync(
            dir.resolve("nope"),
            control,
            new ManifestSync.Listener() {
              public void applied(Path f, HasMetadata r) {}

              public void deleted(Path f, String k, String n, String m) {}

              public void failed(Path f, String r) {}
            });
    assertThatThrownBy(missing::applyAll).hasMessageContaining("nope: no such file or directory");
    write("bad.yaml", "kind: [");
    assertThatThrownBy(sync::applyAll).hasMessageContaining("bad.yaml");
    assertThat(control.list()).isEmpty();
  }
}
