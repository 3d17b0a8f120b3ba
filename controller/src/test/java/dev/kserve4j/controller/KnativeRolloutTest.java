package dev.kserve4j.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kserve4j.api.ResourceCodec;
import dev.kserve4j.api.knative.Condition;
import dev.kserve4j.api.v1beta1.ComponentStatusSpec;
import dev.kserve4j.api.v1beta1.FailureReason;
import dev.kserve4j.api.v1beta1.InferenceService;
import dev.kserve4j.api.v1beta1.InferenceServiceStatus;
import dev.kserve4j.api.v1beta1.ModelState;
import dev.kserve4j.api.v1beta1.TrafficTarget;
import dev.kserve4j.api.v1beta1.TransitionStatus;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Knative-mode rollouts against fabric8's API server in CRUD mode, with {@link FakeKnative} playing
 * Knative Serving between reconciles: the first revision rolled out, a canary, its promotion and
 * its rollback, a restarted operator in the middle of a canary, idempotence and a failed revision.
 */
@EnableKubernetesMockClient(crud = true)
class KnativeRolloutTest {
  private static final ResourceCodec CODEC = new ResourceCodec();
  private static final String NS = "kserve-test";
  private static final String NAME = "sklearn-iris";
  private static final String KSVC = "sklearn-iris-predictor";
  private static final String REV1 = KSVC + "-00001";
  private static final String REV2 = KSVC + "-00002";
  KubernetesClient client;
  private InferenceServiceReconciler reconciler;
  private FakeKnative knative;

  @BeforeEach
  void setUp() {
    TestCluster.install(client, "inferenceservices", "servingruntimes", "clusterservingruntimes");
    FakeKnative.installCrds(client);
    reconciler =
        new InferenceServiceReconciler(client, ControllerConfig.defaults(), Clock.systemUTC());
    knative = new FakeKnative(client);
    InferenceService isvc =
        CODEC.readAll(GoldenCases.GOLDEN.resolve("knative-sklearn-iris.isvc.yaml")).stream()
            .map(InferenceService.class::cast)
            .findFirst()
            .orElseThrow();
    isvc.getMetadata().setUid(null);
    client.resource(isvc).create();
  }

  /** One reconcile, Knative's answer, and the reconcile that records it. */
  private void round() {
    reconciler.reconcile(NS, NAME);
    knative.reconcile(NS);
    reconciler.reconcile(NS, NAME);
  }

  private void edit(Consumer<InferenceService> change) {
    InferenceService stored = stored();
    change.accept(stored);
    client.resource(stored).update();
  }

  private InferenceService stored() {
    return client.resources(InferenceService.class).inNamespace(NS).withName(NAME).get();
  }

  private ComponentStatusSpec predictor() {
    return stored().getStatus().getComponents().get("predictor");
  }

  private GenericKubernetesResource ksvc() {
    return client
        .genericKubernetesResources(ManagedKinds.KNATIVE_SERVICE)
        .inNamespace(NS)
        .withName(KSVC)
        .get();
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> specTraffic() {
    return (List<Map<String, Object>>)
        ((Map<String, Object>) ksvc().getAdditionalProperties().get("spec")).get("traffic");
  }

  private static List<String> traffic(ComponentStatusSpec component) {
    return component.traffic().stream().map(KnativeRolloutTest::describe).toList();
  }

  private static String describe(TrafficTarget t) {
    return (t.tag() == null ? "" : t.tag() + ":") + t.revisionName() + "=" + t.percent();
  }

  /**
   * The resource version of every managed object and of the InferenceService. (The test API server
   * lists Knative Services among core Services too, as it matches lists by plural only.)
   */
  private Map<String, String> versions() {
    Map<String, String> out =
        new ManagedKinds(client)
            .listLabelled(NS, ComponentMeta.ISVC_LABEL, NAME).stream()
                .collect(
                    Collectors.toMap(
                        DesiredStateApplier::key,
                        o -> o.getMetadata().getResourceVersion(),
                        (a, b) -> a,
                        java.util.TreeMap::new));
    out.put("InferenceService", stored().getMetadata().getResourceVersion());
    return out;
  }

  private void canary(long percent, String storageUri) {
    edit(
        i -> {
          i.getSpec().getPredictor().setCanaryTrafficPercent(percent);
          if (storageUri != null) {
            i.getSpec().getPredictor().getModel().setStorageUri(storageUri);
          }
        });
  }

  @Test
  void theFirstRevisionRollsOutWithAllTheTraffic() {
    reconciler.reconcile(NS, NAME);
    InferenceServiceStatus pending = stored().getStatus();
    assertThat(pending.condition("PredictorReady"))
        .get()
        .extracting(Condition::status)
        .isEqualTo("Unknown");
    assertThat(pending.condition("Ready")).get().extracting(Condition::status).isEqualTo("Unknown");
    assertThat(pending.getUrl()).isNull();
    assertThat(specTraffic()).containsExactly(Map.of("latestRevision", true, "percent", 100));
    String uid = stored().getMetadata().getUid();
    Service local = client.services().inNamespace(NS).withName(NAME).get();
    GenericKubernetesResource vs =
        client
            .genericKubernetesResources(ManagedKinds.VIRTUAL_SERVICE)
            .inNamespace(NS)
            .withName(NAME)
            .get();
    for (HasMetadata object : List.of(ksvc(), local, vs)) {
      assertThat(object.getMetadata().getOwnerReferences())
          .singleElement()
          .satisfies(o -> assertThat(o.getUid()).isEqualTo(uid));
    }
    assertThat(local.getSpec().getExternalName())
        .isEqualTo("knative-local-gateway.istio-system.svc.cluster.local");

    knative.reconcile(NS);
    reconciler.reconcile(NS, NAME);

    InferenceServiceStatus status = stored().getStatus();
    ComponentStatusSpec predictor = status.getComponents().get("predictor");
    assertThat(predictor.latestCreatedRevision()).isEqualTo(REV1);
    assertThat(predictor.latestReadyRevision()).isEqualTo(REV1);
    assertThat(predictor.latestRolledoutRevision()).isEqualTo(REV1);
    assertThat(predictor.previousRolledoutRevision()).isNull();
    assertThat(traffic(predictor)).containsExactly(REV1 + "=100");
    assertThat(predictor.url()).isEqualTo("http://sklearn-iris-predictor.kserve-test.example.com");
    assertThat(status.isReady()).isTrue();
    assertThat(status.getConditions())
        .extracting(Condition::type)
        .contains(
            "PredictorReady",
            "IngressReady",
            "PredictorRouteReady",
            "PredictorConfigurationReady",
            "RoutesReady",
            "LatestDeploymentReady",
            "Ready");
    assertThat(status.getConditions())
        .allSatisfy(c -> assertThat(c.status()).as(c.type()).isEqualTo("True"));
    assertThat(status.getUrl()).isEqualTo("http://sklearn-iris.kserve-test.example.com");
    assertThat(status.getAddress().url())
        .isEqualTo("http://sklearn-iris.kserve-test.svc.cluster.local");
    assertThat(status.getDeploymentMode()).isEqualTo("Knative");
    assertThat(status.getModelStatus().transitionStatus()).isEqualTo(TransitionStatus.UP_TO_DATE);
    assertThat(status.getModelStatus().states().activeModelState()).isEqualTo(ModelState.LOADED);
  }

  @Test
  void aCanaryGetsItsShareAndIsPromotedWhenTheShareIsRemoved() {
    round();
    canary(10, "gs://kfserving-examples/models/sklearn/2.0/model");
    round();

    assertThat(specTraffic())
        .containsExactly(
            Map.of("latestRevision", true, "percent", 10),
            Map.of("tag", "prev", "revisionName", REV1, "latestRevision", false, "percent", 90));
    ComponentStatusSpec canary = predictor();
    assertThat(traffic(canary)).containsExactly(REV2 + "=10", "prev:" + REV1 + "=90");
    assertThat(canary.latestCreatedRevision()).isEqualTo(REV2);
    assertThat(canary.latestReadyRevision()).isEqualTo(REV2);
    assertThat(canary.latestRolledoutRevision()).isEqualTo(REV1);
    assertThat(stored().getStatus().isReady()).isTrue();
    assertThat(ksvc().getMetadata().getAnnotations())
        .as("the creator Knative stamped survives our updates")
        .containsKey(FakeKnative.CREATOR);

    edit(i -> i.getSpec().getPredictor().setCanaryTrafficPercent(null));
    round();

    assertThat(specTraffic()).containsExactly(Map.of("latestRevision", true, "percent", 100));
    ComponentStatusSpec promoted = predictor();
    assertThat(traffic(promoted)).containsExactly(REV2 + "=100");
    assertThat(promoted.latestRolledoutRevision()).isEqualTo(REV2);
    assertThat(promoted.previousRolledoutRevision()).isEqualTo(REV1);
  }

  @Test
  void aCanaryShareOfZeroRollsBackToThePreviousRevision() {
    round();
    canary(10, "gs://kfserving-examples/models/sklearn/2.0/model");
    round();
    canary(0, null);
    round();

    assertThat(specTraffic())
        .containsExactly(
            Map.of("latestRevision", true, "percent", 0),
            Map.of("tag", "prev", "revisionName", REV1, "latestRevision", false, "percent", 100));
    assertThat(traffic(predictor())).containsExactly(REV2 + "=0", "prev:" + REV1 + "=100");
    assertThat(predictor().latestRolledoutRevision()).isEqualTo(REV1);
  }

  @Test
  void aRollbackAfterPromotionRestoresThePreviousRolledOutRevision() {
    round();
    canary(10, "gs://kfserving-examples/models/sklearn/2.0/model");
    round();
    edit(i -> i.getSpec().getPredictor().setCanaryTrafficPercent(null));
    round();
    canary(0, null);
    round(); // KServe's two steps: prev first names the rolled-out revision, which the status then
    // rolls back
    round();

    assertThat(specTraffic())
        .containsExactly(
            Map.of("latestRevision", true, "percent", 0),
            Map.of("tag", "prev", "revisionName", REV1, "latestRevision", false, "percent", 100));
    assertThat(predictor().latestRolledoutRevision()).isEqualTo(REV1);
    assertThat(traffic(predictor())).containsExactly(REV2 + "=0", "prev:" + REV1 + "=100");
  }

  @Test
  void aRestartedOperatorRendersTheSameCanaryFromTheStoredStatus() {
    round();
    canary(10, "gs://kfserving-examples/models/sklearn/2.0/model");
    round();
    GenericKubernetesResource before = ksvc();
    Map<String, String> versions = versions();

    new InferenceServiceReconciler(client, ControllerConfig.defaults(), Clock.systemUTC())
        .reconcile(NS, NAME);

    assertThat(versions()).isEqualTo(versions);
    assertThat(ksvc().getAdditionalProperties().get("spec"))
        .isEqualTo(before.getAdditionalProperties().get("spec"));
  }

  @Test
  void anUnchangedInferenceServiceCausesNoWrites() {
    round();
    Map<String, String> ready = versions();
    assertThat(ready)
        .containsKeys(
            "Service.serving.knative.dev/" + KSVC,
            "VirtualService.networking.istio.io/" + NAME,
            "Service/" + NAME);
    reconciler.reconcile(NS, NAME);
    assertThat(versions()).isEqualTo(ready);

    canary(10, "gs://kfserving-examples/models/sklearn/2.0/model");
    round();
    Map<String, String> split = versions();
    reconciler.reconcile(NS, NAME);
    assertThat(versions()).isEqualTo(split);
  }

  @Test
  void aFailedRevisionMakesThePredictorAndTheServiceNotReady() {
    round();
    knative.failNextRevision("container exited with code 1");
    edit(
        i ->
            i.getSpec()
                .getPredictor()
                .getModel()
                .setStorageUri("gs://kfserving-examples/models/sklearn/broken"));
    round();

    InferenceServiceStatus status = stored().getStatus();
    String message = "Revision \"" + REV2 + "\" failed with message: container exited with code 1.";
    assertThat(status.condition("PredictorReady"))
        .get()
        .extracting(Condition::status, Condition::reason, Condition::message)
        .containsExactly("False", "RevisionFailed", message);
    assertThat(status.condition("Ready"))
        .get()
        .extracting(Condition::status, Condition::reason, Condition::message)
        .containsExactly("False", "RevisionFailed", message);
    // As KServe's ingress reconciler: the predictor had a URL, so the route stays ready.
    assertThat(status.condition("IngressReady"))
        .get()
        .extracting(Condition::status, Condition::reason)
        .containsExactly("True", null);
    assertThat(status.condition("LatestDeploymentReady"))
        .get()
        .extracting(Condition::status)
        .isEqualTo("False");
    assertThat(predictor().latestCreatedRevision()).isEqualTo(REV2);
    assertThat(predictor().latestReadyRevision()).isEqualTo(REV1);
    assertThat(predictor().latestRolledoutRevision()).isEqualTo(REV1);
    assertThat(status.getModelStatus().transitionStatus())
        .isEqualTo(TransitionStatus.BLOCKED_BY_FAILED_LOAD);
    assertThat(status.getModelStatus().states().activeModelState()).isEqualTo(ModelState.LOADED);
    assertThat(status.getModelStatus().lastFailureInfo().reason())
        .isEqualTo(FailureReason.MODEL_LOAD_FAILED);
    assertThat(status.getModelStatus().lastFailureInfo().modelRevisionName()).isEqualTo(REV2);
    assertThat(status.getUrl())
        .as("the URL stays while the old revision serves")
        .isEqualTo("http://sklearn-iris.kserve-test.example.com");

    String version = stored().getMetadata().getResourceVersion();
    reconciler.reconcile(NS, NAME);
    assertThat(stored().getMetadata().getResourceVersion())
        .as("a failure seen twice writes nothing")
        .isEqualTo(version);
  }
}
