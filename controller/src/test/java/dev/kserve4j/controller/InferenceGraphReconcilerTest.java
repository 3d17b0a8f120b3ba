package dev.kserve4j.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kserve4j.api.ResourceCodec;
import dev.kserve4j.api.knative.Addressable;
import dev.kserve4j.api.knative.Condition;
import dev.kserve4j.api.v1alpha1.InferenceGraph;
import dev.kserve4j.api.v1alpha1.InferenceGraphStatus;
import dev.kserve4j.api.v1alpha1.InferenceRouter;
import dev.kserve4j.api.v1beta1.InferenceService;
import dev.kserve4j.api.v1beta1.InferenceServiceStatus;
import dev.kserve4j.plan.DeploymentMode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The InferenceGraph reconciler against fabric8's API server in CRUD mode, with KServe's CRDs and
 * Standard as the default deployment mode: the graph of {@code golden/graph-chain.ig.yaml} and its
 * InferenceServices, whose status the tests set as the InferenceService reconciler would.
 */
@EnableKubernetesMockClient(crud = true)
class InferenceGraphReconcilerTest {
  private static final ResourceCodec CODEC = new ResourceCodec();
  private static final String NS = "kserve-test";
  private static final String NAME = "model-chainer";
  KubernetesClient client;
  KubernetesMockServer server;
  private InferenceGraphReconciler reconciler;

  @BeforeEach
  void setUp() {
    TestCluster.install(
        client,
        "inferenceservices",
        "inferencegraphs",
        "servingruntimes",
        "clusterservingruntimes");
    ControllerConfig defaults = ControllerConfig.defaults();
    ControllerConfig standard =
        new ControllerConfig(
            defaults.namespaces(),
            defaults.render(),
            defaults.plan().withDefaultDeploymentMode(DeploymentMode.STANDARD),
            defaults.resync(),
            defaults.retryDelay());
    reconciler = new InferenceGraphReconciler(client, standard, Clock.systemUTC());
  }

  private static List<HasMetadata> golden() {
    return CODEC.readAll(GoldenCases.GOLDEN.resolve("graph-chain.ig.yaml"));
  }

  /** Creates the golden graph as a user would: without uid or status. */
  private InferenceGraph createGraph() {
    InferenceGraph graph =
        golden().stream()
            .filter(InferenceGraph.class::isInstance)
            .map(InferenceGraph.class::cast)
            .findFirst()
            .orElseThrow();
    graph.getMetadata().setUid(null);
    return client.resource(graph).create();
  }

  /**
   * Creates the golden InferenceService {@code name}, then sets its status: its address, and Ready
   * or not.
   */
  private void createService(String name, boolean ready) {
    InferenceService isvc =
        golden().stream()
            .filter(InferenceService.class::isInstance)
            .map(InferenceService.class::cast)
            .filter(i -> i.getMetadata().getName().equals(name))
            .findFirst()
            .orElseThrow();
    isvc.setStatus(null);
    client.resource(isvc).create();
    setServiceStatus(name, "http://" + name + "-predictor." + NS + ".svc.cluster.local", ready);
  }

  private void setServiceStatus(String name, String address, boolean ready) {
    InferenceService stored =
        client.resources(InferenceService.class).inNamespace(NS).withName(name).get();
    InferenceServiceStatus status = new InferenceServiceStatus();
    status.setAddress(address == null ? null : new Addressable(address));
    status.setConditions(List.of(new Condition("Ready", ready ? "True" : "False", null, null)));
    stored.setStatus(status);
    client.resources(InferenceService.class).inNamespace(NS).resource(stored).updateStatus();
  }

  private void makeRouterAvailable() {
    Deployment deployment = deployment();
    deployment.setStatus(
        new DeploymentStatusBuilder().withReplicas(1).withAvailableReplicas(1).build());
    client.apps().deployments().inNamespace(NS).resource(deployment).updateStatus();
  }

  private Deployment deployment() {
    return client.apps().deployments().inNamespace(NS).withName(NAME).get();
  }

  private InferenceGraph stored() {
    return client.resources(InferenceGraph.class).inNamespace(NS).withName(NAME).get();
  }

  private Condition ready() {
    return stored().getStatus().condition("Ready").orElseThrow();
  }

  /** The writes (every request but GET) the API server received since the last call. */
  private List<String> writes() throws InterruptedException {
    List<String> writes = new ArrayList<>();
    for (RecordedRequest r = server.takeRequest(50, TimeUnit.MILLISECONDS);
        r != null;
        r = server.takeRequest(50, TimeUnit.MILLISECONDS)) {
      if (!"GET".equals(r.getMethod())) {
        writes.add(r.getMethod() + " " + r.getPath());
      }
    }
    return writes;
  }

  private Map<String, String> versions() {
    return new ManagedKinds(client)
        .listLabelled(NS, InferenceGraphRenderer.GRAPH_LABEL, NAME).stream()
            .collect(
                Collectors.toMap(
                    DesiredStateApplier::key, o -> o.getMetadata().getResourceVersion()));
  }

  @Test
  void graphBecomesReadyOnceItsRouterIsAvailableAndItsServicesAreReady()
      throws InterruptedException {
    createService("sklearn-iris", false);
    createService("xgboost-iris", false);
    InferenceGraph graph = createGraph();
    reconciler.reconcile(NS, NAME);

    String uid = graph.getMetadata().getUid();
    Map<String, String> objects = versions();
    assertThat(objects)
        .containsOnlyKeys(
            "Deployment.apps/" + NAME,
            "Service/" + NAME,
            "HorizontalPodAutoscaler.autoscaling/" + NAME,
            "Ingress.networking.k8s.io/" + NAME);
    for (HasMetadata object :
        new ManagedKinds(client).listLabelled(NS, InferenceGraphRenderer.GRAPH_LABEL, NAME)) {
      assertThat(object.getMetadata().getOwnerReferences())
          .singleElement()
          .satisfies(
              o -> {
                assertThat(o.getUid()).isEqualTo(uid);
                assertThat(o.getKind()).isEqualTo("InferenceGraph");
                assertThat(o.getController()).isTrue();
              });
    }
    assertThat(
            deployment()
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .getFirst()
                .getArgs()
                .get(2))
        .contains(
            "\"serviceUrl\":\"http://xgboost-iris-predictor.kserve-test.svc.cluster.local/v2/models/xgboost-iris/infer\"");
    InferenceGraphStatus pending = stored().getStatus();
    assertThat(pending.isReady()).isFalse();
    assertThat(ready().reason()).isEqualTo("MinimumReplicasUnavailable");
    assertThat(pending.condition("Stopped")).get().extracting(Condition::status).isEqualTo("False");
    assertThat(pending.getUrl()).isNull();
    assertThat(pending.getObservedGeneration()).isEqualTo(stored().getMetadata().getGeneration());

    makeRouterAvailable();
    reconciler.reconcile(NS, NAME);
    assertThat(ready())
        .extracting(Condition::status, Condition::reason)
        .containsExactly("False", "ServiceNotReady");
    assertThat(ready().message())
        .contains(
            "step 0 (\"classify\") of node \"root\": InferenceService \"sklearn-iris\" is not"
                + " Ready",
            "step 1 of node \"split\": InferenceService \"xgboost-iris\" is not Ready");
    assertThat(stored().getStatus().getUrl())
        .isEqualTo("http://model-chainer-kserve-test.example.com");

    setServiceStatus(
        "sklearn-iris", "http://sklearn-iris-predictor.kserve-test.svc.cluster.local", true);
    reconciler.reconcile(NS, NAME);
    assertThat(ready().message()).doesNotContain("sklearn-iris").contains("xgboost-iris");

    setServiceStatus(
        "xgboost-iris", "http://xgboost-iris-predictor.kserve-test.svc.cluster.local", true);
    reconciler.reconcile(NS, NAME);
    assertThat(stored().getStatus().isReady()).isTrue();
    assertThat(ready().reason()).isNull();
    assertThat(client.v1().events().inNamespace(NS).list().getItems())
        .filteredOn(e -> "InferenceGraph".equals(e.getInvolvedObject().getKind()))
        .extracting(e -> e.getType() + " " + e.getReason())
        .contains("Warning ServiceNotReady", "Normal Ready");

    writes();
    reconciler.reconcile(NS, NAME);
    assertThat(writes()).as("writes of a second reconcile").isEmpty();
    assertThat(versions()).hasSize(4);
  }

  @Test
  void aMissingServiceKeepsTheGraphFromBeingDeployedAndNamesTheStep() {
    createService("sklearn-iris", true);
    createGraph();
    reconciler.reconcile(NS, NAME);

    assertThat(deployment()).isNull();
    assertThat(ready())
        .extracting(Condition::status, Condition::reason)
        .containsExactly("False", "ServiceNotFound");
    assertThat(ready().message())
        .isEqualTo(
            "step 1 of node \"split\": Failed to find graph service xgboost-iris"
                + " (no InferenceService \"xgboost-iris\" in namespace kserve-test)");

    createService("xgboost-iris", false);
    setServiceStatus("xgboost-iris", null, false);
    reconciler.reconcile(NS, NAME);
    assertThat(deployment()).isNull();
    assertThat(ready())
        .extracting(Condition::reason, Condition::message)
        .containsExactly(
            "ServiceNotReady", "step 1 of node \"split\": service xgboost-iris is not ready");

    setServiceStatus(
        "xgboost-iris", "http://xgboost-iris-predictor.kserve-test.svc.cluster.local", true);
    reconciler.reconcile(NS, NAME);
    assertThat(deployment()).isNotNull();
  }

  @Test
  void updatingTheGraphUpdatesTheRouterAndDropsObjectsNoLongerRendered() {
    createService("sklearn-iris", true);
    createService("xgboost-iris", true);
    createGraph();
    reconciler.reconcile(NS, NAME);
    Deployment before = deployment();
    assertThat(
            client
                .autoscaling()
                .v2()
                .horizontalPodAutoscalers()
                .inNamespace(NS)
                .withName(NAME)
                .get())
        .isNotNull();

    InferenceGraph edited = stored();
    Map<String, InferenceRouter> nodes = new LinkedHashMap<>(edited.getSpec().getNodes());
    nodes.remove("split");
    InferenceRouter root = nodes.get("root");
    nodes.put("root", new InferenceRouter(root.routerType(), root.steps().subList(0, 1), Map.of()));
    edited.getSpec().setNodes(nodes);
    edited
        .getSpec()
        .setResources(
            new ResourceRequirementsBuilder().addToRequests("cpu", new Quantity("200m")).build());
    edited.getMetadata().setAnnotations(Map.of(AutoscalerRenderer.AUTOSCALER_CLASS, "none"));
    client.resource(edited).update();
    reconciler.reconcile(NS, NAME);

    Deployment after = deployment();
    assertThat(after.getMetadata().getResourceVersion())
        .isNotEqualTo(before.getMetadata().getResourceVersion());
    var container = after.getSpec().getTemplate().getSpec().getContainers().getFirst();
    assertThat(container.getArgs().get(2)).doesNotContain("xgboost-iris").doesNotContain("split");
    assertThat(container.getResources().getRequests()).containsOnlyKeys("cpu");
    assertThat(
            client
                .autoscaling()
                .v2()
                .horizontalPodAutoscalers()
                .inNamespace(NS)
                .withName(NAME)
                .get())
        .isNull();
    assertThat(InferenceGraphReconciler.referencedServices(stored()))
        .containsExactly("sklearn-iris");
  }

  @Test
  void theStopAnnotationDeletesTheObjectsUntilItGoes() {
    createService("sklearn-iris", true);
    createService("xgboost-iris", true);
    createGraph();
    reconciler.reconcile(NS, NAME);
    makeRouterAvailable();
    reconciler.reconcile(NS, NAME);
    assertThat(stored().getStatus().isReady()).isTrue();

    InferenceGraph stopping = stored();
    stopping.getMetadata().setAnnotations(Map.of("serving.kserve.io/stop", "True"));
    client.resource(stopping).update();
    reconciler.reconcile(NS, NAME);

    assertThat(versions()).isEmpty();
    InferenceGraphStatus status = stored().getStatus();
    assertThat(ready())
        .extracting(Condition::status, Condition::reason)
        .containsExactly("False", "Stopped");
    assertThat(status.condition("Stopped")).get().extracting(Condition::status).isEqualTo("True");
    assertThat(status.getUrl()).isNull();

    InferenceGraph resuming = stored();
    resuming.getMetadata().setAnnotations(Map.of());
    client.resource(resuming).update();
    reconciler.reconcile(NS, NAME);
    assertThat(versions()).hasSize(4);
    assertThat(stored().getStatus().condition("Stopped"))
        .get()
        .extracting(Condition::status)
        .isEqualTo("False");
    assertThat(ready().reason()).isEqualTo("MinimumReplicasUnavailable");
  }

  @Test
  void anInvalidGraphIsNotReadyWithTheValidatorsMessage() throws InterruptedException {
    createService("sklearn-iris", true);
    InferenceGraph graph =
        golden().stream()
            .filter(InferenceGraph.class::isInstance)
            .map(InferenceGraph.class::cast)
            .findFirst()
            .orElseThrow();
    graph.getMetadata().setUid(null);
    Map<String, InferenceRouter> nodes = new LinkedHashMap<>(graph.getSpec().getNodes());
    nodes.put("entry", nodes.remove("root"));
    graph.getSpec().setNodes(nodes);
    client.resource(graph).create();
    reconciler.reconcile(NS, NAME);

    assertThat(ready())
        .extracting(Condition::status, Condition::reason)
        .containsExactly("False", "InvalidSpec");
    assertThat(ready().message())
        .contains("root node not found, InferenceGraph needs a node with name 'root'");
    assertThat(deployment()).isNull();
    writes();
    reconciler.reconcile(NS, NAME);
    assertThat(writes()).as("writes of a second reconcile").isEmpty();
  }

  @Test
  void aRouteHeldByAnotherResourceIsLeftAloneAndReported() {
    createService("sklearn-iris", true);
    createService("xgboost-iris", true);
    Ingress other =
        client
            .network()
            .v1()
            .ingresses()
            .inNamespace(NS)
            .resource(
                new IngressBuilder()
                    .withNewMetadata()
                    .withName(NAME)
                    .withNamespace(NS)
                    .addNewOwnerReference()
                    .withApiVersion("serving.kserve.io/v1beta1")
                    .withKind("InferenceService")
                    .withName(NAME)
                    .withUid("another-uid")
                    .withController(true)
                    .endOwnerReference()
                    .endMetadata()
                    .withNewSpec()
                    .withIngressClassName("istio")
                    .endSpec()
                    .build())
            .create();
    createGraph();
    reconciler.reconcile(NS, NAME);

    assertThat(ready())
        .extracting(Condition::status, Condition::reason)
        .containsExactly("False", "NameConflict");
    assertThat(ready().message())
        .startsWith(
            "[Ingress.networking.k8s.io/model-chainer] in namespace kserve-test belong to another"
                + " resource");
    assertThat(
            client
                .network()
                .v1()
                .ingresses()
                .inNamespace(NS)
                .withName(NAME)
                .get()
                .getMetadata()
                .getResourceVersion())
        .isEqualTo(other.getMetadata().getResourceVersion());
    assertThat(deployment()).isNotNull();
  }

  @Test
  void aGoneGraphIsNothingToDo() {
    reconciler.reconcile(NS, "no-such-graph");
    assertThat(client.apps().deployments().inNamespace(NS).list().getItems()).isEmpty();
  }
}
