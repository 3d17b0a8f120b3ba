package dev.kserve4j.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kserve4j.api.ResourceCodec;
import dev.kserve4j.api.knative.Condition;
import dev.kserve4j.api.v1beta1.FailureReason;
import dev.kserve4j.api.v1beta1.InferenceService;
import dev.kserve4j.api.v1beta1.InferenceServiceStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reconciler against fabric8's API server in CRUD mode, with KServe's CRDs and our
 * ClusterServingRuntimes.
 */
@EnableKubernetesMockClient(crud = true)
class InferenceServiceReconcilerTest {
  private static final ResourceCodec CODEC = new ResourceCodec();
  KubernetesClient client;
  private InferenceServiceReconciler reconciler;

  @BeforeEach
  void setUp() {
    TestCluster.install(client, "inferenceservices", "servingruntimes", "clusterservingruntimes");
    reconciler =
        new InferenceServiceReconciler(client, ControllerConfig.defaults(), Clock.systemUTC());
  }

  private InferenceService create(String golden) {
    InferenceService isvc =
        CODEC.readAll(GoldenCases.GOLDEN.resolve(golden + ".isvc.yaml")).stream()
            .filter(InferenceService.class::isInstance)
            .map(InferenceService.class::cast)
            .findFirst()
            .orElseThrow();
    isvc.getMetadata().setUid(null);
    return client.resource(isvc).create();
  }

  private InferenceService stored(InferenceService isvc) {
    return client
        .resources(InferenceService.class)
        .inNamespace(isvc.getMetadata().getNamespace())
        .withName(isvc.getMetadata().getName())
        .get();
  }

  private Map<String, String> versions(String namespace) {
    return new ManagedKinds(client)
        .listLabelled(namespace, ComponentMeta.ISVC_LABEL, "sklearn-iris").stream()
            .collect(
                Collectors.toMap(
                    DesiredStateApplier::key, o -> o.getMetadata().getResourceVersion()));
  }

  @Test
  void sklearnIrisBecomesReadyOnceItsDeploymentHasAnAvailableReplica() {
    InferenceService isvc = create("sklearn-iris");
    reconciler.reconcile("kserve-test", "sklearn-iris");

    String uid = isvc.getMetadata().getUid();
    Deployment deployment =
        client
            .apps()
            .deployments()
            .inNamespace("kserve-test")
            .withName("sklearn-iris-predictor")
            .get();
    Service service =
        client.services().inNamespace("kserve-test").withName("sklearn-iris-predictor").get();
    HorizontalPodAutoscaler hpa =
        client
            .autoscaling()
            .v2()
            .horizontalPodAutoscalers()
            .inNamespace("kserve-test")
            .withName("sklearn-iris-predictor")
            .get();
    Ingress ingress =
        client.network().v1().ingresses().inNamespace("kserve-test").withName("sklearn-iris").get();
    for (HasMetadata object : List.<HasMetadata>of(deployment, service, hpa, ingress)) {
      assertThat(object.getMetadata().getOwnerReferences())
          .singleElement()
          .satisfies(o -> assertThat(o.getUid()).isEqualTo(uid));
    }
    InferenceServiceStatus pending = stored(isvc).getStatus();
    assertThat(pending.condition("PredictorReady"))
        .get()
        .extracting(Condition::status, Condition::reason)
        .containsExactly("False", "MinimumReplicasUnavailable");
    assertThat(pending.condition("IngressReady"))
        .get()
        .extracting(Condition::status)
        .isEqualTo("True");
    assertThat(pending.isReady()).isFalse();
    assertThat(pending.getObservedGeneration())
        .isEqualTo(stored(isvc).getMetadata().getGeneration());

    deployment.setStatus(
        new DeploymentStatusBuilder().withReplicas(1).withAvailableReplicas(1).build());
    client.apps().deployments().inNamespace("kserve-test").resource(deployment).updateStatus();
    reconciler.reconcile("kserve-test", "sklearn-iris");

    InferenceServiceStatus ready = stored(isvc).getStatus();
    assertThat(ready.isReady()).isTrue();
    assertThat(ready.condition("PredictorReady"))
        .get()
        .extracting(Condition::status)
        .isEqualTo("True");
    assertThat(ready.getUrl()).isEqualTo("http://sklearn-iris-kserve-test.example.com");
    assertThat(ready.getClusterServingRuntimeName()).isEqualTo("kserve4j-sklearn");

    Map<String, String> before = versions("kserve-test");
    String isvcVersion = stored(isvc).getMetadata().getResourceVersion();
    reconciler.reconcile("kserve-test", "sklearn-iris");
    assertThat(versions("kserve-test")).isEqualTo(before).hasSize(4);
    assertThat(stored(isvc).getMetadata().getResourceVersion()).isEqualTo(isvcVersion);
  }

  @Test
  void removingTheTransformerDeletesItsObjects() {
    InferenceService isvc = create("transformer");
    reconciler.reconcile("models", "torch-transformer");
    assertThat(
            client
                .apps()
                .deployments()
                .inNamespace("models")
                .withName("torch-transformer-transformer")
                .get())
        .isNotNull();
    assertThat(
            client.services().inNamespace("models").withName("torch-transformer-transformer").get())
        .isNotNull();

    InferenceService edited = stored(isvc);
    edited.getSpec().setTransformer(null);
    client.resource(edited).update();
    reconciler.reconcile("models", "torch-transformer");

    assertThat(
            client
                .apps()
                .deployments()
                .inNamespace("models")
                .withName("torch-transformer-transformer")
                .get())
        .isNull();
    assertThat(
            client.services().inNamespace("models").withName("torch-transformer-transformer").get())
        .isNull();
    assertThat(
            client
                .autoscaling()
                .v2()
                .horizontalPodAutoscalers()
                .inNamespace("models")
                .withName("torch-transformer-transformer")
                .get())
        .isNull();
    assertThat(
            client
                .apps()
                .deployments()
                .inNamespace("models")
                .withName("torch-transformer-predictor")
                .get())
        .isNotNull();
    Ingress ingress =
        client.network().v1().ingresses().inNamespace("models").withName("torch-transformer").get();
    assertThat(ingress.getSpec().getRules())
        .allSatisfy(
            r ->
                assertThat(r.getHttp().getPaths().getFirst().getBackend().getService().getName())
                    .isEqualTo("torch-transformer-predictor"));
  }

  @Test
  void anUnknownRuntimeIsReportedAsNoSupportingRuntime() {
    InferenceService isvc =
        CODEC.readAll(GoldenCases.GOLDEN.resolve("sklearn-iris.isvc.yaml")).stream()
            .map(InferenceService.class::cast)
            .findFirst()
            .orElseThrow();
    isvc.getMetadata().setUid(null);
    isvc.getMetadata().setName("no-runtime");
    isvc.getSpec().getPredictor().getModel().setRuntime("no-such-runtime");
    client.resource(isvc).create();

    reconciler.reconcile("kserve-test", "no-runtime");

    InferenceServiceStatus status = stored(isvc).getStatus();
    assertThat(status.isReady()).isFalse();
    assertThat(status.condition("Ready"))
        .get()
        .extracting(Condition::reason)
        .isEqualTo("NoSupportingRuntime");
    assertThat(status.getModelStatus().lastFailureInfo().reason())
        .isEqualTo(FailureReason.NO_SUPPORTING_RUNTIME);
    assertThat(client.apps().deployments().inNamespace("kserve-test").list().getItems()).isEmpty();
  }

  @Test
  void aBatcherTheServerCannotTakeFailsTheStatusNamingTheField() {
    InferenceService isvc = create("batcher-foreign");

    reconciler.reconcile("ml", "foreign-batcher");

    InferenceServiceStatus status = stored(isvc).getStatus();
    assertThat(status.isReady()).isFalse();
    assertThat(status.condition("Ready"))
        .get()
        .satisfies(
            c -> {
              assertThat(c.reason()).isEqualTo("InvalidSpec");
              assertThat(c.message()).contains("spec.predictor.batcher");
            });
    assertThat(status.getModelStatus().lastFailureInfo().reason())
        .isEqualTo(FailureReason.INVALID_PREDICTOR_SPEC);
    assertThat(client.apps().deployments().inNamespace("ml").list().getItems()).isEmpty();
  }
}
