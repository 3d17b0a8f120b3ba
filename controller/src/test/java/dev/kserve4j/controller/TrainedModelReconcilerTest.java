package dev.kserve4j.controller;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.kserve4j.api.ResourceCodec;
import dev.kserve4j.api.knative.Addressable;
import dev.kserve4j.api.knative.Condition;
import dev.kserve4j.api.v1alpha1.TrainedModel;
import dev.kserve4j.api.v1alpha1.TrainedModelStatus;
import dev.kserve4j.api.v1beta1.InferenceService;
import dev.kserve4j.api.v1beta1.InferenceServiceStatus;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The TrainedModel reconciler against fabric8's API server in CRUD mode, with KServe's CRDs. */
@EnableKubernetesMockClient(crud = true)
class TrainedModelReconcilerTest {
  private static final ResourceCodec CODEC = new ResourceCodec();
  private static final String NS = "models";
  KubernetesClient client;
  private TrainedModelReconciler reconciler;

  @BeforeEach
  void setUp() {
    Path root = GoldenCases.repoRoot();
    for (String crd : List.of("inferenceservices", "trainedmodels")) {
      client
          .apiextensions()
          .v1()
          .customResourceDefinitions()
          .load(root.resolve("deploy/crds/" + crd + ".serving.kserve.io-v1.yml").toFile())
          .create();
    }
    reconciler = new TrainedModelReconciler(client, Clock.systemUTC());
  }

  /**
   * A multi-model InferenceService (no storageUri) with a memory limit, ready unless {@code ready}
   * is false.
   */
  private InferenceService parent(String name, String predictor, boolean ready) {
    InferenceService isvc =
        CODEC.read(
            """
            apiVersion: serving.kserve.io/v1beta1
            kind: InferenceService
            metadata:
              name: %s
              namespace: %s
              labels: {team: iris}
            spec:
              predictor:
            %s
            """
                .formatted(name, NS, predictor.indent(4)),
            "test isvc",
            InferenceService.class);
    InferenceService created = client.resource(isvc).create();
    InferenceServiceStatus status = new InferenceServiceStatus();
    status.setUrl("http://" + name + "-" + NS + ".example.com");
    status.setAddress(
        new Addressable("http://" + name + "-predictor." + NS + ".svc.cluster.local"));
    status.setConditions(List.of(new Condition("Ready", ready ? "True" : "False", null, null)));
    created.setStatus(status);
    return client.resource(created).updateStatus();
  }

  private InferenceService mmsParent(String name, String memoryLimit) {
    return parent(
        name,
        """
        onnx:
          resources:
            limits: {memory: %s}
        """
            .formatted(memoryLimit),
        true);
  }

  private void trainedModel(String name, String isvc, String framework, String memory) {
    client
        .resource(
            CODEC.read(
                """
                apiVersion: serving.kserve.io/v1alpha1
                kind: TrainedModel
                metadata:
                  name: %s
                  namespace: %s
                spec:
                  inferenceService: %s
                  model:
                    storageUri: gs://models/%s
                    framework: %s
                    memory: %s
                """
                    .formatted(name, NS, isvc, name, framework, memory),
                "test tm",
                TrainedModel.class))
        .create();
  }

  private TrainedModel stored(String name) {
    return client.resources(TrainedModel.class).inNamespace(NS).withName(name).get();
  }

  private Condition condition(String tm, String type) {
    return stored(tm).getStatus().condition(type).orElseThrow();
  }

  private Map<String, JsonNode> models(String isvc) throws Exception {
    ConfigMap cm = client.configMaps().inNamespace(NS).withName("modelconfig-" + isvc + "-0").get();
    assertThat(cm).as("ConfigMap modelconfig-%s-0", isvc).isNotNull();
    Map<String, JsonNode> byName = new java.util.TreeMap<>();
    for (JsonNode entry : JsonMapper.builder().build().readTree(cm.getData().get("models.json"))) {
      byName.put(entry.get("modelName").asText(), entry.get("modelSpec"));
    }
    return byName;
  }

  @Test
  void aTrainedModelWhoseParentDoesNotExistIsDeletedAsKServeDoes() {
    trainedModel("orphan", "no-such-isvc", "onnx", "100Mi");
    reconciler.reconcile(NS, "orphan");
    assertThat(stored("orphan")).isNull();
    assertThat(client.configMaps().inNamespace(NS).list().getItems()).isEmpty();
  }

  @Test
  void twoTrainedModelsAreWrittenToTheParentsModelConfigWithStatusAndOwner() throws Exception {
    InferenceService isvc = mmsParent("triton-mms", "1Gi");
    trainedModel("iris-a", "triton-mms", "onnx", "256Mi");
    trainedModel("iris-b", "triton-mms", "ONNX", "512Mi");
    reconciler.reconcile(NS, "iris-a");
    reconciler.reconcile(NS, "iris-b");

    Map<String, JsonNode> models = models("triton-mms");
    assertThat(models).containsOnlyKeys("iris-a", "iris-b");
    assertThat(models.get("iris-a").get("storageUri").asText()).isEqualTo("gs://models/iris-a");
    assertThat(models.get("iris-a").get("framework").asText()).isEqualTo("onnx");
    assertThat(models.get("iris-b").get("memory").asText()).isEqualTo("512Mi");
    ConfigMap cm = client.configMaps().inNamespace(NS).withName("modelconfig-triton-mms-0").get();
    assertThat(cm.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.getUid()).isEqualTo(isvc.getMetadata().getUid());
              assertThat(o.getKind()).isEqualTo("InferenceService");
              assertThat(o.getController()).isTrue();
            });
    assertThat(cm.getMetadata().getLabels()).containsEntry("team", "iris");

    TrainedModel a = stored("iris-a");
    assertThat(a.getMetadata().getFinalizers()).containsExactly("trainedmodel.finalizer");
    assertThat(a.getMetadata().getLabels())
        .containsEntry("inferenceservice", "triton-mms")
        .containsEntry("serving.kserve.io/trainedmodel-allocated", "triton-mms");
    TrainedModelStatus status = a.getStatus();
    assertThat(status.isReady()).isTrue();
    // onnx defaults to protocol v2, as in KServe.
    assertThat(status.getUrl())
        .isEqualTo("http://triton-mms-models.example.com/v2/models/iris-a/infer");
    assertThat(status.getAddress().url())
        .isEqualTo("http://triton-mms-predictor.models.svc.cluster.local/v2/models/iris-a/infer");
    assertThat(status.getConditions())
        .extracting(Condition::type)
        .containsExactly(
            "FrameworkSupported",
            "InferenceServiceReady",
            "IsMMSPredictor",
            "MemoryResourceAvailable",
            "Ready");
    assertThat(status.getConditions()).allSatisfy(c -> assertThat(c.status()).isEqualTo("True"));
  }

  @Test
  void anUnsupportedFrameworkIsReportedAndNotWritten() {
    parent("sklearn-mms", "sklearn: {resources: {limits: {memory: 1Gi}}}", true);
    trainedModel("booster", "sklearn-mms", "xgboost", "100Mi");
    reconciler.reconcile(NS, "booster");

    Condition framework = condition("booster", "FrameworkSupported");
    assertThat(framework.status()).isEqualTo("False");
    assertThat(framework.reason()).isEqualTo("FrameworkNotSupported");
    assertThat(framework.message())
        .isEqualTo("Inference Service does not support the Trained Model framework");
    assertThat(condition("booster", "Ready").reason()).isEqualTo("FrameworkNotSupported");
    assertThat(condition("booster", "MemoryResourceAvailable").status()).isEqualTo("True");
    assertThat(stored("booster").getStatus().getUrl())
        .isEqualTo("http://sklearn-mms-models.example.com/v1/models/booster:predict");
    assertThat(client.configMaps().inNamespace(NS).withName("modelconfig-sklearn-mms-0").get())
        .isNull();
  }

  @Test
  void modelsOverThePredictorsMemoryLimitAreNotWrittenWhileThoseThatFitStay() throws Exception {
    mmsParent("small", "300Mi");
    trainedModel("fits", "small", "onnx", "200Mi");
    trainedModel("too-big", "small", "onnx", "200Mi");
    reconciler.reconcile(NS, "fits");
    reconciler.reconcile(NS, "too-big");

    Condition memory = condition("too-big", "MemoryResourceAvailable");
    assertThat(memory.status()).isEqualTo("False");
    assertThat(memory.reason()).isEqualTo("MemoryResourceNotAvailable");
    assertThat(memory.message())
        .isEqualTo("Inference Service does not have enough memory resources for Trained Model");
    assertThat(condition("too-big", "Ready").status()).isEqualTo("False");
    assertThat(stored("too-big").getMetadata().getLabels())
        .doesNotContainKey("serving.kserve.io/trainedmodel-allocated");

    reconciler.reconcile(NS, "fits");
    assertThat(condition("fits", "Ready").status()).isEqualTo("True");
    assertThat(models("small")).containsOnlyKeys("fits");
  }

  @Test
  void aParentThatIsNotReadyOrServesOneModelKeepsTheModelOut() {
    parent("not-ready", "onnx: {resources: {limits: {memory: 1Gi}}}", false);
    parent(
        "single",
        "onnx: {storageUri: 'gs://models/one', resources: {limits: {memory: 1Gi}}}",
        true);
    trainedModel("waits", "not-ready", "onnx", "1Mi");
    trainedModel("single-tm", "single", "onnx", "1Mi");
    reconciler.reconcile(NS, "waits");
    reconciler.reconcile(NS, "single-tm");

    assertThat(condition("waits", "InferenceServiceReady"))
        .extracting(Condition::status, Condition::reason, Condition::message)
        .containsExactly(
            "False",
            "InferenceServiceNotReady",
            "Inference Service needs to be ready before Trained Model can be ready");
    assertThat(condition("single-tm", "IsMMSPredictor"))
        .extracting(Condition::status, Condition::reason, Condition::message)
        .containsExactly(
            "False",
            "IsNotMMSPredictor",
            "Inference Service predictor is not configured for multi-model serving");
    assertThat(client.configMaps().inNamespace(NS).list().getItems()).isEmpty();
  }

  @Test
  void deletingATrainedModelRemovesItsEntryThenItsFinalizer() throws Exception {
    mmsParent("mms", "1Gi");
    trainedModel("keep", "mms", "onnx", "10Mi");
    trainedModel("drop", "mms", "onnx", "10Mi");
    reconciler.reconcile(NS, "keep");
    reconciler.reconcile(NS, "drop");
    assertThat(models("mms")).containsOnlyKeys("drop", "keep");

    client.resources(TrainedModel.class).inNamespace(NS).withName("drop").delete();
    assertThat(stored("drop").getMetadata().getDeletionTimestamp())
        .as("held by the finalizer")
        .isNotNull();
    reconciler.reconcile(NS, "drop");

    assertThat(models("mms")).containsOnlyKeys("keep");
    assertThat(stored("drop")).isNull();
  }

  @Test
  void aSecondReconcileWritesNothing() throws Exception {
    mmsParent("steady", "1Gi");
    trainedModel("same", "steady", "onnx", "10Mi");
    reconciler.reconcile(NS, "same");
    String tmVersion = stored("same").getMetadata().getResourceVersion();
    String cmVersion =
        client
            .configMaps()
            .inNamespace(NS)
            .withName("modelconfig-steady-0")
            .get()
            .getMetadata()
            .getResourceVersion();

    reconciler.reconcile(NS, "same");

    assertThat(stored("same").getMetadata().getResourceVersion()).isEqualTo(tmVersion);
    assertThat(
            client
                .configMaps()
                .inNamespace(NS)
                .withName("modelconfig-steady-0")
                .get()
                .getMetadata()
                .getResourceVersion())
        .isEqualTo(cmVersion);
    assertThat(models("steady")).containsOnlyKeys("same");
  }
}
