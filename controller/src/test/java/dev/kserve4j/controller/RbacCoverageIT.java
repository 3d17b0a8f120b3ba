package dev.kserve4j.controller;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.kserve4j.api.ResourceCodec;
import dev.kserve4j.api.v1alpha1.InferenceGraph;
import dev.kserve4j.api.v1alpha1.TrainedModel;
import dev.kserve4j.api.v1beta1.InferenceService;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.Closeable;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The controller's ClusterRole ({@code deploy/controller/rbac.yaml}) grants exactly what the
 * operator does. The running operator (its own client, told apart by its User-Agent) takes
 * InferenceServices in Standard and Knative mode, an InferenceGraph and a TrainedModel through
 * their life, and every request it sends to the API server is turned into the RBAC triple (API
 * group, resource[/subresource], verb) the API server would authorize. Every triple must be
 * granted; every granted verb must be used, either in this run or by the code paths named in {@link
 * #USED_ELSEWHERE}.
 */
@EnableKubernetesMockClient(crud = true)
class RbacCoverageIT {
  private static final String AGENT = "kserve4j-controller-under-test";
  private static final String NS = "kserve-test";
  private static final ResourceCodec CODEC = new ResourceCodec();

  /**
   * Kinds the {@link DesiredStateApplier} manages uniformly: each gets get, list, create, update
   * and delete.
   */
  private static final Map<String, Set<String>> APPLIED =
      Map.of(
          "apps", Set.of("deployments"),
          "", Set.of("services"),
          "autoscaling", Set.of("horizontalpodautoscalers"),
          "keda.sh", Set.of("scaledobjects"),
          "networking.k8s.io", Set.of("ingresses"),
          "gateway.networking.k8s.io", Set.of("httproutes"),
          "serving.knative.dev", Set.of("services"),
          "networking.istio.io", Set.of("virtualservices"));

  private static final Set<String> APPLIER_VERBS =
      Set.of("get", "list", "create", "update", "delete");

  /**
   * Granted for what this run does not reach: the InferenceGraph reconciler reads a ServingRuntime
   * by name (InferenceGraphReconcilerTest); a TrainedModel whose parent is gone is deleted
   * (TrainedModelReconcilerTest); Knative Services are watched only where the API server lists
   * Knative in discovery, which the test API server does not; the owners' finalizers are checked by
   * the API server's OwnerReferencesPermissionEnforcement plugin for blockOwnerDeletion, not
   * called.
   */
  private static final Set<String> USED_ELSEWHERE =
      Set.of(
          "serving.kserve.io/servingruntimes/get",
          "serving.kserve.io/trainedmodels/delete",
          "serving.knative.dev/services/watch",
          "serving.kserve.io/inferenceservices/finalizers/update",
          "serving.kserve.io/inferencegraphs/finalizers/update");

  KubernetesClient client;
  KubernetesMockServer server;

  @Test
  void theClusterRoleGrantsExactlyWhatTheOperatorDoes() throws Exception {
    TestCluster.install(
        client,
        "inferenceservices",
        "servingruntimes",
        "clusterservingruntimes",
        "inferencegraphs",
        "trainedmodels");
    KubernetesClient operator =
        new KubernetesClientBuilder()
            .withConfig(new ConfigBuilder(client.getConfiguration()).withUserAgent(AGENT).build())
            .build();
    try (operator;
        Closeable running =
            ControllerMain.start(
                operator, ControllerConfig.defaults().withNamespaces(Set.of(NS)))) {
      standardService();
      create(
          golden(
              "graph-chain.ig.yaml",
              InferenceService.class,
              "xgboost-iris")); // Knative mode by default
      TestCluster.await(
          "the Knative Service of the predictor",
          () ->
              operator
                  .genericKubernetesResources(ManagedKinds.KNATIVE_SERVICE)
                  .inNamespace(NS)
                  .withName("xgboost-iris-predictor")
                  .get());
      client
          .resource(
              CODEC.read(
                  """
                  apiVersion: serving.kserve.io/v1alpha1
                  kind: InferenceGraph
                  metadata:
                    name: model-chainer
                    namespace: kserve-test
                    annotations:
                      serving.kserve.io/deploymentMode: RawDeployment
                  spec:
                    nodes:
                      root:
                        routerType: Sequence
                        steps:
                          - serviceName: sklearn-iris
                  """,
                  "InferenceGraph",
                  InferenceGraph.class))
          .create();
      available("model-chainer");
      trainedModel();
    }
    Set<String> used = new TreeSet<>();
    for (RecordedRequest r = server.takeRequest(100, TimeUnit.MILLISECONDS);
        r != null;
        r = server.takeRequest(100, TimeUnit.MILLISECONDS)) {
      String agent = r.getHeader("User-Agent");
      if (agent != null && agent.contains(AGENT)) {
        triple(r.getMethod(), r.getPath()).ifPresent(used::add);
      }
    }
    Set<String> granted = granted(GoldenCases.repoRoot().resolve("deploy/controller/rbac.yaml"));

    Set<String> notGranted = new TreeSet<>(used);
    notGranted.removeAll(granted);
    assertThat(used)
        .as("what the operator did")
        .contains(
            "apps/deployments/create",
            "/pods/watch",
            "serving.kserve.io/inferenceservices/status/update",
            "serving.kserve.io/trainedmodels/update");
    assertThat(notGranted)
        .as("requests the operator sent that its ClusterRole does not grant")
        .isEmpty();
    Set<String> unused = new TreeSet<>(granted);
    unused.removeAll(used);
    unused.removeAll(USED_ELSEWHERE);
    unused.removeIf(RbacCoverageIT::appliedUniformly);
    assertThat(unused).as("verbs the ClusterRole grants that the operator never uses").isEmpty();
  }

  private void standardService() throws InterruptedException {
    create(golden("sklearn-iris.isvc.yaml", InferenceService.class, "sklearn-iris"));
    available("sklearn-iris-predictor");
    client
        .pods()
        .inNamespace(NS)
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName("sklearn-iris-predictor-1")
                .addToLabels(ComponentMeta.APP_LABEL, "isvc.sklearn-iris-predictor")
                .addToLabels(ComponentMeta.ISVC_LABEL, "sklearn-iris")
                .endMetadata()
                .withNewStatus()
                .withPhase("Running")
                .endStatus()
                .build())
        .create();
    TestCluster.await(
        "the InferenceService Ready",
        () -> {
          InferenceService s =
              client
                  .resources(InferenceService.class)
                  .inNamespace(NS)
                  .withName("sklearn-iris")
                  .get();
          return s.getStatus() != null && s.getStatus().isReady() ? s : null;
        });
    // A new annotation drops the HPA: the operator deletes what it no longer renders.
    InferenceService edited =
        client.resources(InferenceService.class).inNamespace(NS).withName("sklearn-iris").get();
    edited.getMetadata().getAnnotations().put("serving.kserve.io/autoscalerClass", "none");
    client.resource(edited).update();
    TestCluster.await(
        "the predictor HPA deleted",
        () ->
            client
                        .autoscaling()
                        .v2()
                        .horizontalPodAutoscalers()
                        .inNamespace(NS)
                        .withName("sklearn-iris-predictor")
                        .get()
                    == null
                ? Boolean.TRUE
                : null);
  }

  private void trainedModel() throws InterruptedException {
    create(golden("multi-model.isvc.yaml", InferenceService.class, "sklearn-mms"));
    available("sklearn-mms-predictor");
    TestCluster.await(
        "InferenceService sklearn-mms Ready",
        () -> {
          InferenceService s =
              client
                  .resources(InferenceService.class)
                  .inNamespace(NS)
                  .withName("sklearn-mms")
                  .get();
          return s.getStatus() != null && s.getStatus().isReady() ? s : null;
        });
    client
        .resource(
            CODEC.read(
                """
                apiVersion: serving.kserve.io/v1alpha1
                kind: TrainedModel
                metadata:
                  name: iris-a
                  namespace: kserve-test
                spec:
                  inferenceService: sklearn-mms
                  model:
                    storageUri: gs://kfserving-examples/models/sklearn/1.0/model
                    framework: sklearn
                    memory: 256Mi
                """,
                "TrainedModel",
                TrainedModel.class))
        .create();
    TestCluster.await(
        "iris-a in ConfigMap modelconfig-sklearn-mms-0",
        () -> {
          ConfigMap cm =
              client.configMaps().inNamespace(NS).withName("modelconfig-sklearn-mms-0").get();
          return cm != null && cm.getData().get("models.json").contains("iris-a") ? cm : null;
        });
    client.resources(TrainedModel.class).inNamespace(NS).withName("iris-a").delete();
    TestCluster.await(
        "the TrainedModel deleted",
        () ->
            client.resources(TrainedModel.class).inNamespace(NS).withName("iris-a").get() == null
                ? Boolean.TRUE
                : null);
  }

  private void create(HasMetadata object) {
    object.getMetadata().setUid(null);
    client.resource(object).create();
  }

  private static <T extends HasMetadata> T golden(String file, Class<T> type, String name) {
    return CODEC.readAll(GoldenCases.GOLDEN.resolve(file)).stream()
        .filter(type::isInstance)
        .map(type::cast)
        .filter(o -> o.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private void available(String name) throws InterruptedException {
    Deployment d =
        TestCluster.await(
            "Deployment " + name,
            () -> client.apps().deployments().inNamespace(NS).withName(name).get());
    d.setStatus(new DeploymentStatusBuilder().withReplicas(1).withAvailableReplicas(1).build());
    client.apps().deployments().inNamespace(NS).resource(d).updateStatus();
  }

  private static boolean appliedUniformly(String triple) {
    String[] parts = triple.split("/");
    return parts.length == 3
        && APPLIED.getOrDefault(parts[0], Set.of()).contains(parts[1])
        && APPLIER_VERBS.contains(parts[2]);
  }

  /** {@code group/resource[/sub]/verb} of a resource request; empty for discovery. */
  static java.util.Optional<String> triple(String method, String pathAndQuery) {
    String path =
        pathAndQuery.contains("?")
            ? pathAndQuery.substring(0, pathAndQuery.indexOf('?'))
            : pathAndQuery;
    boolean watch = pathAndQuery.contains("watch=true");
    List<String> p = List.of(path.replaceAll("^/+", "").split("/"));
    String group;
    int rest;
    if (p.getFirst().equals("api") && p.size() > 2) {
      group = "";
      rest = 2;
    } else if (p.getFirst().equals("apis") && p.size() > 3) {
      group = p.get(1);
      rest = 3;
    } else {
      return java.util.Optional.empty();
    }
    List<String> r = p.subList(rest, p.size());
    if (r.size() >= 2 && r.getFirst().equals("namespaces")) {
      r = r.subList(2, r.size());
      if (r.isEmpty()) {
        return java.util.Optional.of(group + "/namespaces/" + verb(method, true, watch));
      }
    }
    String resource = r.getFirst() + (r.size() > 2 ? "/" + r.get(2) : "");
    return java.util.Optional.of(group + "/" + resource + "/" + verb(method, r.size() > 1, watch));
  }

  private static String verb(String method, boolean named, boolean watch) {
    return switch (method) {
      case "GET" -> watch ? "watch" : named ? "get" : "list";
      case "POST" -> "create";
      case "PUT" -> "update";
      case "PATCH" -> "patch";
      case "DELETE" -> named ? "delete" : "deletecollection";
      default -> throw new IllegalArgumentException("unexpected method " + method);
    };
  }

  /** The ClusterRole's rules as {@code group/resource/verb} triples. */
  private static Set<String> granted(Path rbac) throws Exception {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    Set<String> out = new TreeSet<>();
    try (var parser = yaml.getFactory().createParser(rbac.toFile())) {
      for (JsonNode doc : yaml.readValues(parser, JsonNode.class).readAll()) {
        if (!"ClusterRole".equals(doc.path("kind").asText())) {
          continue;
        }
        for (JsonNode rule : doc.path("rules")) {
          for (JsonNode group : rule.path("apiGroups")) {
            for (JsonNode resource : rule.path("resources")) {
              for (JsonNode verb : rule.path("verbs")) {
                out.add(group.asText() + "/" + resource.asText() + "/" + verb.asText());
              }
            }
          }
        }
      }
    }
    return out;
  }
}
