package dev.kserve4j.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kserve4j.api.knative.Condition;
import dev.kserve4j.api.v1alpha1.InferenceGraph;
import dev.kserve4j.api.v1alpha1.InferenceGraphStatus;
import dev.kserve4j.plan.DeploymentMode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Knative-mode InferenceGraphs against fabric8's API server in CRUD mode, with {@link FakeKnative}
 * playing Knative Serving between reconciles: the graph of {@code golden/graph-knative.ig.yaml}
 * (annotated Serverless) and its InferenceServices.
 */
@EnableKubernetesMockClient(crud = true)
class InferenceGraphKnativeTest {
  private static final String NS = "kserve-test";
  private static final String NAME = "dog-breed-pipeline";
  private static final String MODE = "serving.kserve.io/deploymentMode";
  KubernetesClient client;
  KubernetesMockServer server;
  private FakeKnative knative;
  private GraphFixtures fixtures;

  @BeforeEach
  void setUp() {
    TestCluster.install(
        client,
        "inferenceservices",
        "inferencegraphs",
        "servingruntimes",
        "clusterservingruntimes");
    FakeKnative.installCrds(client);
    knative = new FakeKnative(client);
    fixtures = new GraphFixtures(client, "graph-knative");
  }

  private static InferenceGraphReconciler reconciler(
      KubernetesClient client, DeploymentMode defaultMode) {
    ControllerConfig defaults = ControllerConfig.defaults();
    return new InferenceGraphReconciler(
        client,
        new ControllerConfig(
            defaults.namespaces(),
            defaults.render(),
            defaults.plan().withDefaultDeploymentMode(defaultMode),
            defaults.resync(),
            defaults.retryDelay()),
        Clock.systemUTC());
  }

  private GenericKubernetesResource ksvc() {
    return client
        .genericKubernetesResources(ManagedKinds.KNATIVE_SERVICE)
        .inNamespace(NS)
        .withName(NAME)
        .get();
  }

  private InferenceGraphStatus status() {
    return client.resources(InferenceGraph.class).inNamespace(NS).withName(NAME).get().getStatus();
  }

  private Condition condition(String type) {
    return status().condition(type).orElseThrow();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> template(GenericKubernetesResource ksvc) {
    return (Map<String, Object>)
        ((Map<String, Object>) ksvc.getAdditionalProperties().get("spec")).get("template");
  }

  @SuppressWarnings("unchecked")
  private static List<String> args(GenericKubernetesResource ksvc) {
    Map<String, Object> spec = (Map<String, Object>) template(ksvc).get("spec");
    return (List<String>)
        ((List<Map<String, Object>>) spec.get("containers")).getFirst().get("args");
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

  @Test
  void aServerlessGraphRunsItsRouterAsAKnativeServiceAndTakesItsStatus()
      throws InterruptedException {
    fixtures.createServices(true);
    fixtures.createGraph(g -> {});
    InferenceGraphReconciler reconciler = reconciler(client, DeploymentMode.STANDARD);
    reconciler.reconcile(NS, NAME);

    assertThat(client.apps().deployments().inNamespace(NS).withName(NAME).get()).isNull();
    GenericKubernetesResource ksvc = ksvc();
    assertThat(ksvc.getMetadata().getLabels())
        .containsEntry(InferenceGraphRenderer.GRAPH_LABEL, NAME);
    assertThat(args(ksvc)).startsWith("router", "--graph-json");
    assertThat(args(ksvc).get(2))
        .contains(
            "\"serviceUrl\":\"http://dog-breed-classifier-predictor.kserve-test.svc.cluster.local"
                + "/v1/models/dog-breed-classifier:predict\"");
    assertThat(condition("Ready"))
        .extracting(Condition::status, Condition::message)
        .containsExactly(
            "Unknown", "Knative Service 'dog-breed-pipeline' has not reported Ready yet");
    assertThat(status().getUrl()).isNull();

    knative.reconcile(NS);
    reconciler.reconcile(NS, NAME);
    assertThat(status().isReady()).isTrue();
    assertThat(status().getUrl()).isEqualTo("http://dog-breed-pipeline.kserve-test.example.com");
    assertThat(status().getConditions())
        .extracting(c -> c.type() + "=" + c.status())
        .containsExactly(
            "ConfigurationsReady=True", "Ready=True", "RoutesReady=True", "Stopped=False");

    writes();
    reconciler.reconcile(NS, NAME);
    assertThat(writes()).as("writes of a second reconcile").isEmpty();
  }

  @Test
  void aFailedRevisionMakesTheGraphNotReadyWithKnativesMessage() {
    fixtures.createServices(true);
    fixtures.createGraph(g -> {});
    InferenceGraphReconciler reconciler = reconciler(client, DeploymentMode.STANDARD);
    reconciler.reconcile(NS, NAME);
    knative.failNextRevision("container router exited with 1");
    knative.reconcile(NS);
    reconciler.reconcile(NS, NAME);

    assertThat(condition("Ready"))
        .extracting(Condition::status, Condition::reason)
        .containsExactly("False", "RevisionFailed");
    assertThat(condition("Ready").message()).contains("container router exited with 1");
    assertThat(condition("ConfigurationsReady").status()).isEqualTo("False");
    assertThat(status().getUrl()).isNull();
  }

  @Test
  void aReadyRouterWaitsForItsServicesToBeReady() {
    fixtures.createServices(false);
    fixtures.createGraph(g -> {});
    InferenceGraphReconciler reconciler = reconciler(client, DeploymentMode.STANDARD);
    reconciler.reconcile(NS, NAME);
    knative.reconcile(NS);
    reconciler.reconcile(NS, NAME);

    assertThat(condition("Ready"))
        .extracting(Condition::status, Condition::reason)
        .containsExactly("False", "ServiceNotReady");
    assertThat(condition("Ready").message())
        .contains(
            "step 0 (\"cat_dog_classifier\") of node \"root\": InferenceService"
                + " \"cat-dog-classifier\" is not Ready");
    assertThat(status().getUrl()).isEqualTo("http://dog-breed-pipeline.kserve-test.example.com");
  }

  @Test
  void theConfiguredDefaultModeAppliesAndAChangedModeReplacesTheRouter() {
    fixtures.createServices(true);
    fixtures.createGraph(
        g -> {
          g.getMetadata().setAnnotations(new HashMap<>());
          g.getSpec().setScaleMetric(null); // concurrency drives no HPA in Standard mode
          g.getSpec().setScaleTarget(null);
        });
    reconciler(client, DeploymentMode.STANDARD).reconcile(NS, NAME);
    assertThat(client.apps().deployments().inNamespace(NS).withName(NAME).get()).isNotNull();
    assertThat(ksvc()).isNull();

    InferenceGraphReconciler knativeDefault = reconciler(client, DeploymentMode.KNATIVE);
    knativeDefault.reconcile(NS, NAME);
    // The test API server keeps objects by plural, namespace and name, not API group: deleting the
    // core Service deleted the Knative Service of the same name too, which the next pass restores.
    knativeDefault.reconcile(NS, NAME);
    assertThat(ksvc()).isNotNull();
    assertThat(client.apps().deployments().inNamespace(NS).withName(NAME).get())
        .as("the Standard-mode Deployment, no longer rendered")
        .isNull();
    assertThat(
            client
                .autoscaling()
                .v2()
                .horizontalPodAutoscalers()
                .inNamespace(NS)
                .withName(NAME)
                .get())
        .isNull();

    InferenceGraph standard =
        client.resources(InferenceGraph.class).inNamespace(NS).withName(NAME).get();
    standard.getMetadata().setAnnotations(Map.of(MODE, "RawDeployment"));
    client.resource(standard).update();
    knativeDefault.reconcile(NS, NAME);
    assertThat(ksvc()).isNull();
    assertThat(client.apps().deployments().inNamespace(NS).withName(NAME).get()).isNotNull();
  }

  @Test
  void theStopAnnotationDeletesTheKnativeService() {
    fixtures.createServices(true);
    fixtures.createGraph(g -> {});
    InferenceGraphReconciler reconciler = reconciler(client, DeploymentMode.STANDARD);
    reconciler.reconcile(NS, NAME);
    knative.reconcile(NS);
    reconciler.reconcile(NS, NAME);

    InferenceGraph stopping =
        client.resources(InferenceGraph.class).inNamespace(NS).withName(NAME).get();
    Map<String, String> annotations = new HashMap<>(stopping.getMetadata().getAnnotations());
    annotations.put(InferenceGraphReconciler.STOP_ANNOTATION, "true");
    stopping.getMetadata().setAnnotations(annotations);
    client.resource(stopping).update();
    reconciler.reconcile(NS, NAME);

    assertThat(ksvc()).isNull();
    assertThat(condition("Ready"))
        .extracting(Condition::status, Condition::reason)
        .containsExactly("False", "Stopped");
    assertThat(condition("Stopped").status()).isEqualTo("True");
    assertThat(status().getUrl()).isNull();
  }
}
