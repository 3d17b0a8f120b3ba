package dev.kserve4j.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kserve4j.api.knative.Condition;
import dev.kserve4j.api.v1alpha1.InferenceGraph;
import dev.kserve4j.api.v1alpha1.InferenceRouter;
import dev.kserve4j.api.v1alpha1.InferenceStep;
import dev.kserve4j.plan.DeploymentMode;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Graphs the operator does not deploy, against fabric8's API server in CRUD mode with KServe's CRDs
 * and no Knative Serving: a {@code serviceUrl} host kserve4j's router would refuse at start (until
 * the router config allows it), and a Knative-mode graph on a cluster without Knative Services.
 */
@EnableKubernetesMockClient(crud = true)
class InferenceGraphRefusalsTest {
  private static final String NS = "kserve-test";
  private static final String NAME = "model-chainer";
  KubernetesClient client;
  KubernetesMockServer server;
  private GraphFixtures fixtures;

  @BeforeEach
  void setUp() {
    TestCluster.install(
        client,
        "inferenceservices",
        "inferencegraphs",
        "servingruntimes",
        "clusterservingruntimes");
    fixtures = new GraphFixtures(client, "graph-chain");
    fixtures.createServices(true);
  }

  private InferenceGraphReconciler reconciler(RouterConfig router) {
    ControllerConfig defaults = ControllerConfig.defaults();
    return new InferenceGraphReconciler(
        client,
        new ControllerConfig(
            defaults.namespaces(),
            defaults.render().withRouter(router),
            defaults.plan().withDefaultDeploymentMode(DeploymentMode.STANDARD),
            defaults.resync(),
            defaults.retryDelay()),
        Clock.systemUTC());
  }

  private Condition ready() {
    return client
        .resources(InferenceGraph.class)
        .inNamespace(NS)
        .withName(NAME)
        .get()
        .getStatus()
        .condition("Ready")
        .orElseThrow();
  }

  private Deployment deployment() {
    return client.apps().deployments().inNamespace(NS).withName(NAME).get();
  }

  /** Adds to the root node a step calling {@code url}. */
  private static void callUrl(InferenceGraph graph, String url) {
    Map<String, InferenceRouter> nodes = new LinkedHashMap<>(graph.getSpec().getNodes());
    InferenceRouter root = nodes.get("root");
    List<InferenceStep> steps = new ArrayList<>(root.steps());
    steps.add(new InferenceStep("audit", null, null, url, null, null, null, null, null, Map.of()));
    nodes.put("root", new InferenceRouter(root.routerType(), steps, Map.of()));
    graph.getSpec().setNodes(nodes);
  }

  @Test
  void aHostTheRouterWouldRefuseIsReportedAndNotDeployedUntilAllowed() {
    fixtures.createGraph(g -> callUrl(g, "http://audit.tools.svc.cluster.local:8080/log"));
    reconciler(RouterConfig.defaults()).reconcile(NS, NAME);

    assertThat(deployment()).isNull();
    assertThat(ready())
        .extracting(Condition::status, Condition::reason)
        .containsExactly("False", "OutboundHostNotAllowed");
    assertThat(ready().message())
        .isEqualTo(
            "the router would refuse the graph: step \"audit\" of node \"root\": serviceUrl"
                + " http://audit.tools.svc.cluster.local:8080/log reaches host"
                + " \"audit.tools.svc.cluster.local\", which is none of the graph's"
                + " InferenceServices [sklearn-iris-predictor.kserve-test.svc.cluster.local,"
                + " xgboost-iris-predictor.kserve-test.svc.cluster.local] and matches no"
                + " --allow-host pattern [] (add --allow-host audit.tools.svc.cluster.local to"
                + " allow it) (the operator passes the 'allowedHosts' of the 'router' key of"
                + " inferenceservice-config as --allow-host)");

    RouterConfig allowing =
        new RouterConfig(
            RouterConfig.DEFAULT_IMAGE,
            RouterConfig.defaults().requests(),
            RouterConfig.defaults().limits(),
            Map.of(),
            null,
            List.of(),
            List.of("*.tools.svc.cluster.local:8080"));
    reconciler(allowing).reconcile(NS, NAME);
    assertThat(deployment().getSpec().getTemplate().getSpec().getContainers().getFirst().getArgs())
        .endsWith("--allow-host", "*.tools.svc.cluster.local:8080");
    assertThat(ready().reason()).isEqualTo("MinimumReplicasUnavailable");
  }

  @Test
  void aKnativeGraphWithoutKnativeServingIsRejected() {
    // The test API server stores any kind; answer as an API server without Knative's CRD does.
    server
        .expect()
        .post()
        .withPath("/apis/serving.knative.dev/v1/namespaces/" + NS + "/services")
        .andReturn(404, "404 page not found")
        .always();
    fixtures.createGraph(
        g ->
            g.getMetadata()
                .setAnnotations(Map.of("serving.kserve.io/deploymentMode", "Serverless")));
    reconciler(RouterConfig.defaults()).reconcile(NS, NAME);

    assertThat(ready())
        .extracting(Condition::status, Condition::reason)
        .containsExactly("False", "ServerlessModeRejected");
    assertThat(ready().message())
        .startsWith(
            "the resolved deployment mode of InferenceGraph 'model-chainer' is Knative, but the"
                + " cluster does not serve Knative Serving's serving.knative.dev/v1 Service");
    assertThat(deployment()).isNull();
  }
}
