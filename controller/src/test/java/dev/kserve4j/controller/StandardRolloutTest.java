package dev.kserve4j.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kserve4j.api.ResourceCodec;
import dev.kserve4j.api.knative.Condition;
import dev.kserve4j.api.v1beta1.CanaryStatus;
import dev.kserve4j.api.v1beta1.FailureInfo;
import dev.kserve4j.api.v1beta1.FailureReason;
import dev.kserve4j.api.v1beta1.InferenceService;
import dev.kserve4j.api.v1beta1.InferenceServiceStatus;
import dev.kserve4j.api.v1beta1.TransitionStatus;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Standard-mode rollouts against fabric8's API server in CRUD mode, where the test plays the
 * Deployment controller and the kubelet: it marks Deployments available and writes pod statuses (a
 * crash-looping server, a failed storage initializer) as a cluster would.
 */
@EnableKubernetesMockClient(crud = true)
class StandardRolloutTest {
  private static final ResourceCodec CODEC = new ResourceCodec();
  private static final String NS = "models";
  KubernetesClient client;
  private ControllerConfig config;
  private InferenceServiceReconciler reconciler;

  @BeforeEach
  void setUp() {
    TestCluster.install(client, "inferenceservices", "servingruntimes", "clusterservingruntimes");
    ControllerConfig defaults = ControllerConfig.defaults();
    config =
        new ControllerConfig(
            defaults.namespaces(),
            defaults.render().withRouting(RenderConfig.Routing.GATEWAY_API),
            defaults.plan(),
            defaults.resync(),
            defaults.retryDelay());
    reconciler = new InferenceServiceReconciler(client, config, Clock.systemUTC());
  }

  private InferenceService create(String golden) {
    InferenceService isvc =
        CODEC.readAll(GoldenCases.GOLDEN.resolve(golden + ".isvc.yaml")).stream()
            .filter(InferenceService.class::isInstance)
            .map(InferenceService.class::cast)
            .findFirst()
            .orElseThrow();
    isvc.getMetadata().setUid(null);
    isvc.getMetadata().setNamespace(NS);
    return client.resource(isvc).create();
  }

  private InferenceService stored(String name) {
    return client.resources(InferenceService.class).inNamespace(NS).withName(name).get();
  }

  private void available(String deployment) {
    Deployment d = client.apps().deployments().inNamespace(NS).withName(deployment).get();
    d.setStatus(new DeploymentStatusBuilder().withReplicas(1).withAvailableReplicas(1).build());
    client.apps().deployments().inNamespace(NS).resource(d).updateStatus();
  }

  /** A pod of {@code component} with the given server and init container statuses. */
  private void pod(
      String name, String component, List<ContainerStatus> init, ContainerStatus server) {
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(NS)
            .addToLabels(ComponentMeta.APP_LABEL, "isvc." + component)
            .endMetadata()
            .withNewStatus()
            .withPhase("Running")
            .withInitContainerStatuses(init)
            .withContainerStatuses(server)
            .endStatus()
            .build();
    client.pods().inNamespace(NS).resource(pod).createOr(p -> p.update());
  }

  private static ContainerStatus running(String container) {
    return new ContainerStatusBuilder()
        .withName(container)
        .withReady(true)
        .withNewState()
        .withNewRunning()
        .endRunning()
        .endState()
        .build();
  }

  private static ContainerStatus crashLooping(String container, int exitCode, String message) {
    return new ContainerStatusBuilder()
        .withName(container)
        .withReady(false)
        .withRestartCount(4)
        .withNewState()
        .withNewWaiting()
        .withReason("CrashLoopBackOff")
        .withMessage("back-off 1m20s restarting failed container")
        .endWaiting()
        .endState()
        .withNewLastState()
        .withNewTerminated()
        .withExitCode(exitCode)
        .withReason("Error")
        .withMessage(message)
        .endTerminated()
        .endLastState()
        .build();
  }

  private Map<String, Integer> weights(String route) {
    HTTPRoute r = client.resources(HTTPRoute.class).inNamespace(NS).withName(route).get();
    return r.getSpec().getRules().getLast().getBackendRefs().stream()
        .collect(
            Collectors.toMap(
                HTTPBackendRef::getName, b -> b.getWeight() == null ? 1 : b.getWeight()));
  }

  private Map<String, String> versions(String isvc) {
    return new ManagedKinds(client)
        .listLabelled(NS, ComponentMeta.ISVC_LABEL, isvc).stream()
            .collect(
                Collectors.toMap(
                    DesiredStateApplier::key, o -> o.getMetadata().getResourceVersion()));
  }

  @Test
  void aCrashLoopingPredictorTurnsReadyFalseEvenWhileItsDeploymentIsAvailable() {
    create("sklearn-iris");
    reconciler.reconcile(NS, "sklearn-iris");
    available("sklearn-iris-predictor");
    pod(
        "sklearn-iris-predictor-old",
        "sklearn-iris-predictor",
        List.of(),
        running("kserve-container"));
    reconciler.reconcile(NS, "sklearn-iris");
    assertThat(stored("sklearn-iris").getStatus().isReady()).isTrue();

    // A new ReplicaSet's pod crash-loops; the old pod keeps the Deployment Available.
    pod(
        "sklearn-iris-predictor-new",
        "sklearn-iris-predictor",
        List.of(),
        crashLooping("kserve-container", 1, "model.joblib: unpickling failed"));
    reconciler.reconcile(NS, "sklearn-iris");

    InferenceServiceStatus status = stored("sklearn-iris").getStatus();
    assertThat(status.isReady()).isFalse();
    assertThat(status.condition("PredictorReady"))
        .get()
        .extracting(Condition::status, Condition::reason)
        .containsExactly("False", "CrashLoopBackOff");
    assertThat(status.condition("Ready").orElseThrow().message())
        .isEqualTo(
            "container kserve-container of pod sklearn-iris-predictor-new is in CrashLoopBackOff"
                + " (exit code 1): model.joblib: unpickling failed");
    FailureInfo failure = status.getModelStatus().lastFailureInfo();
    assertThat(failure.reason()).isEqualTo(FailureReason.MODEL_LOAD_FAILED);
    assertThat(failure.exitCode()).isEqualTo(1);
    assertThat(status.getModelStatus().transitionStatus())
        .isEqualTo(TransitionStatus.BLOCKED_BY_FAILED_LOAD);
    assertThat(status.getModelStatus().copies().failedCopies()).isEqualTo(1);
    assertThat(status.getModelStatus().copies().totalCopies()).isEqualTo(2);

    // The failure is written once: the same crash loop again changes nothing.
    String version = stored("sklearn-iris").getMetadata().getResourceVersion();
    reconciler.reconcile(NS, "sklearn-iris");
    assertThat(stored("sklearn-iris").getMetadata().getResourceVersion()).isEqualTo(version);

    pod(
        "sklearn-iris-predictor-new",
        "sklearn-iris-predictor",
        List.of(),
        running("kserve-container"));
    reconciler.reconcile(NS, "sklearn-iris");
    assertThat(stored("sklearn-iris").getStatus().isReady()).isTrue();
    assertThat(stored("sklearn-iris").getStatus().getModelStatus().lastFailureInfo()).isNull();

    // kubectl describe shows each change of readiness, once: ready, crash loop, ready again.
    assertThat(client.v1().events().inNamespace(NS).list().getItems())
        .filteredOn(e -> "sklearn-iris".equals(e.getInvolvedObject().getName()))
        .extracting(e -> e.getType() + " " + e.getReason())
        .containsExactlyInAnyOrder(
            "Warning MinimumReplicasUnavailable",
            "Normal Ready",
            "Warning CrashLoopBackOff",
            "Normal Ready");
  }

  @Test
  void aFailedStorageInitializerIsReportedAsModelLoadFailed() {
    create("sklearn-iris");
    reconciler.reconcile(NS, "sklearn-iris");
    ContainerStatus init =
        new ContainerStatusBuilder()
            .withName("storage-initializer")
            .withNewState()
            .withNewTerminated()
            .withExitCode(1)
            .withReason("Error")
            .withMessage("gs://kfserving-examples/models/sklearn/1.0/model: 404 Not Found")
            .endTerminated()
            .endState()
            .build();
    ContainerStatus waiting =
        new ContainerStatusBuilder()
            .withName("kserve-container")
            .withNewState()
            .withNewWaiting()
            .withReason("PodInitializing")
            .endWaiting()
            .endState()
            .build();
    pod("sklearn-iris-predictor-a", "sklearn-iris-predictor", List.of(init), waiting);
    reconciler.reconcile(NS, "sklearn-iris");

    InferenceServiceStatus status = stored("sklearn-iris").getStatus();
    assertThat(status.isReady()).isFalse();
    assertThat(status.getModelStatus().lastFailureInfo().message())
        .isEqualTo(
            "container storage-initializer of pod sklearn-iris-predictor-a is in Error (exit code"
                + " 1): gs://kfserving-examples/models/sklearn/1.0/model: 404 Not Found");
  }

  @Test
  void canariesReceiveTheirShareOnlyOnceReadyAndRemovedCanariesAreCleanedUp() {
    create("canaries");
    reconciler.reconcile(NS, "iris");
    assertThat(
            client
                .apps()
                .deployments()
                .inNamespace(NS)
                .withName("iris-v2-predictor")
                .get()
                .getSpec()
                .getReplicas())
        .isEqualTo(1);
    assertThat(
            client
                .autoscaling()
                .v2()
                .horizontalPodAutoscalers()
                .inNamespace(NS)
                .withName("iris-v2-predictor")
                .get())
        .as("canaries run fixed replicas")
        .isNull();
    available("iris-predictor");
    reconciler.reconcile(NS, "iris");

    InferenceServiceStatus status = stored("iris").getStatus();
    assertThat(weights("iris")).isEqualTo(Map.of("iris-predictor", 1));
    assertThat(status.isReady())
        .as("a canary that is not ready does not make the service unready")
        .isTrue();
    assertThat(status.condition("CanaryPredictorReady"))
        .get()
        .extracting(Condition::status, Condition::reason)
        .containsExactly("False", "CanariesNotReady");
    assertThat(status.getCanaryStatuses())
        .extracting(CanaryStatus::name, CanaryStatus::ready, CanaryStatus::trafficPercent)
        .as("KServe reports the spec's trafficPercent; the route gives a canary not ready none")
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("v2", false, 10),
            org.assertj.core.groups.Tuple.tuple("xgb", false, 0));

    available("iris-v2-predictor");
    reconciler.reconcile(NS, "iris");
    assertThat(weights("iris")).isEqualTo(Map.of("iris-predictor", 90, "iris-v2-predictor", 10));
    assertThat(stored("iris").getStatus().getCanaryStatuses().getFirst().trafficPercent())
        .isEqualTo(10);

    // The canary starts crash-looping: it loses its share, the stable predictor takes it back.
    pod(
        "iris-v2-predictor-x",
        "iris-v2-predictor",
        List.of(),
        crashLooping("kserve-container", 137, "OOMKilled"));
    reconciler.reconcile(NS, "iris");
    assertThat(weights("iris")).isEqualTo(Map.of("iris-predictor", 1));
    assertThat(stored("iris").getStatus().isReady()).isTrue();
    assertThat(
            stored("iris")
                .getStatus()
                .getCanaryStatuses()
                .getFirst()
                .modelStatus()
                .lastFailureInfo()
                .exitCode())
        .isEqualTo(137);

    // The canaries are dropped from the spec: their Deployments and Services go.
    InferenceService edited = stored("iris");
    edited.getSpec().setCanary(null);
    client.resource(edited).update();
    reconciler.reconcile(NS, "iris");
    assertThat(client.apps().deployments().inNamespace(NS).withName("iris-v2-predictor").get())
        .isNull();
    assertThat(client.services().inNamespace(NS).withName("iris-xgb-predictor").get()).isNull();
    assertThat(stored("iris").getStatus().getCanaryStatuses()).isNull();
    assertThat(stored("iris").getStatus().condition("CanaryPredictorReady")).isEmpty();
  }

  @Test
  void anUpdatedModelRollsTheDeploymentAndARestartedControllerChangesNothing() {
    create("sklearn-iris");
    reconciler.reconcile(NS, "sklearn-iris");
    available("sklearn-iris-predictor");
    reconciler.reconcile(NS, "sklearn-iris");

    InferenceService edited = stored("sklearn-iris");
    edited
        .getSpec()
        .getPredictor()
        .getModel()
        .setStorageUri("gs://kfserving-examples/models/sklearn/1.0/model-2");
    client.resource(edited).update();
    reconciler.reconcile(NS, "sklearn-iris");

    Deployment deployment =
        client.apps().deployments().inNamespace(NS).withName("sklearn-iris-predictor").get();
    assertThat(
            deployment.getSpec().getTemplate().getSpec().getInitContainers().getFirst().getArgs())
        .containsExactly(
            "storage-initializer",
            "gs://kfserving-examples/models/sklearn/1.0/model-2",
            "/mnt/models");
    assertThat(stored("sklearn-iris").getStatus().getObservedGeneration()).isEqualTo(2L);

    Map<String, String> before = versions("sklearn-iris");
    String isvcVersion = stored("sklearn-iris").getMetadata().getResourceVersion();
    new InferenceServiceReconciler(client, config, Clock.systemUTC()).reconcile(NS, "sklearn-iris");
    assertThat(versions("sklearn-iris")).isEqualTo(before);
    assertThat(stored("sklearn-iris").getMetadata().getResourceVersion()).isEqualTo(isvcVersion);
  }

  @Test
  void aBadUpdateIsRejectedWithKServesMessageAndKeepsWhatServes() {
    create("canaries");
    reconciler.reconcile(NS, "iris");
    Map<String, String> before = versions("iris");

    InferenceService edited = stored("iris");
    edited
        .getSpec()
        .getCanary()
        .set(
            1,
            new dev.kserve4j.api.v1beta1.CanarySpec(
                edited.getSpec().getCanary().get(1).predictor(), 95, Map.of()));
    client.resource(edited).update();
    reconciler.reconcile(NS, "iris");

    InferenceServiceStatus status = stored("iris").getStatus();
    assertThat(status.isReady()).isFalse();
    assertThat(status.condition("Ready"))
        .get()
        .extracting(Condition::reason)
        .isEqualTo("InvalidSpec");
    assertThat(status.getModelStatus().lastFailureInfo().reason())
        .isEqualTo(FailureReason.INVALID_PREDICTOR_SPEC);
    assertThat(status.getModelStatus().lastFailureInfo().message())
        .contains("sum of canary trafficPercent values (105) must be <= 100");
    assertThat(versions("iris")).as("the objects that serve stay as they were").isEqualTo(before);
  }
}
