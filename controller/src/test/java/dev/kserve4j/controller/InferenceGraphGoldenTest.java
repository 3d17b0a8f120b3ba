package dev.kserve4j.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.kserve4j.api.ProtocolVersion;
import dev.kserve4j.api.ResourceCodec;
import dev.kserve4j.api.v1alpha1.ClusterServingRuntime;
import dev.kserve4j.api.v1alpha1.InferenceGraph;
import dev.kserve4j.api.v1beta1.InferenceService;
import dev.kserve4j.plan.PlanConfig;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden tests of {@link InferenceGraphRenderer}: each {@code golden/graph-NAME.ig.yaml} holds an
 * InferenceGraph and the InferenceServices its steps name (with the addresses their status
 * reports); the graph is rendered for the case's deployment mode with its routing and router
 * config, its steps resolved against those InferenceServices and our ClusterServingRuntimes, and
 * the objects' YAML is compared with {@code golden/graph-NAME.objects.yaml}. Run with {@code
 * -Dkserve4j.updateGolden=true} to rewrite the expected files after a deliberate change.
 */
class InferenceGraphGoldenTest {
  private static final ResourceCodec CODEC = new ResourceCodec();

  record Case(String name, RenderConfig.Routing routing, RouterConfig router, boolean knative) {
    Case(String name, RenderConfig.Routing routing) {
      this(name, routing, RouterConfig.defaults(), false);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("graph-chain", RenderConfig.Routing.INGRESS),
        new Case("graph-scaled", RenderConfig.Routing.GATEWAY_API, SCALED_ROUTER, false),
        new Case("graph-knative", RenderConfig.Routing.INGRESS, PROPAGATING_ROUTER, true));
  }

  /** A router config propagating two header patterns, as KServe's {@code headers.propagate}. */
  static final RouterConfig PROPAGATING_ROUTER =
      new RouterConfig(
          RouterConfig.DEFAULT_IMAGE,
          RouterConfig.defaults().requests(),
          RouterConfig.defaults().limits(),
          Map.of("propagate", List.of("Authorization", "X-Team-.*")),
          null,
          List.of(),
          List.of());

  /**
   * Every router setting: headers, pull policy and secrets, resources, and the fixed URL's host
   * allowed.
   */
  static final RouterConfig SCALED_ROUTER =
      new RouterConfig(
          "registry.example.com/kserve4j-router:0.1.0",
          Map.of("cpu", new Quantity("200m"), "memory", new Quantity("128Mi")),
          Map.of("cpu", new Quantity("2"), "memory", new Quantity("2Gi")),
          Map.of("propagate", List.of("Authorization")),
          "IfNotPresent",
          List.of("registry-credentials"),
          List.of("scorer.example.com"));

  @Test
  void aKServeRouterImageGetsKServesContainer() {
    RouterConfig kserve = RouterConfig.defaults().withImage("kserve/router:v0.15.0");
    Deployment deployment =
        (Deployment)
            render(new Case("graph-chain", RenderConfig.Routing.NONE, kserve, false)).getFirst();
    var container = deployment.getSpec().getTemplate().getSpec().getContainers().getFirst();
    assertThat(container.getArgs()).hasSize(2).startsWith("--graph-json");
    assertThat(container.getEnv()).isNullOrEmpty();
    assertThat(container.getImage()).isEqualTo("kserve/router:v0.15.0");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void objectsMatchGoldenFile(Case c) throws IOException {
    String actual = new RenderedYaml().write(render(c));
    TestCluster.assertMatchesGolden(c.name(), actual);
  }

  @Test
  void stepsCallTheResolvedPredictPaths() {
    Deployment deployment =
        (Deployment) render(new Case("graph-scaled", RenderConfig.Routing.NONE)).getFirst();
    List<String> args =
        deployment.getSpec().getTemplate().getSpec().getContainers().getFirst().getArgs();
    assertThat(args).hasSize(3).startsWith("router", "--graph-json");
    assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().getFirst().getEnv())
        .extracting(e -> e.getName() + "=" + e.getValue())
        .containsExactly("INFERENCE_GRAPH_NAME=ensemble");
    assertThat(args.get(2))
        .contains(
            "\"serviceName\":\"image-classifier\",\"serviceUrl\":"
                + "\"http://image-classifier-transformer.models.svc.cluster.local/v2/models/resnet/infer\"")
        .contains(
            "\"serviceUrl\":\"http://lgbm-predictor.models.svc.cluster.local/v1/models/lgbm:predict\"")
        .contains("\"serviceUrl\":\"http://scorer.example.com/v1/models/scorer:predict\"");
  }

  @Test
  void aStepWhoseServiceIsNotResolvedIsRefused() {
    InferenceGraph graph = graph(docs("graph-chain"));
    InferenceGraphRenderer renderer =
        new InferenceGraphRenderer(RenderConfig.defaults(), PlanConfig.defaults());
    assertThat(
            catchThrowable(() -> renderer.render(graph, Map.of("sklearn-iris", "http://sklearn"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("node 'split' step 1 names InferenceService 'xgboost-iris'");
  }

  @Test
  void theUrlFollowsKServesDefaultDomainTemplate() {
    InferenceGraph graph = graph(docs("graph-chain"));
    assertThat(
            new InferenceGraphRenderer(RenderConfig.defaults(), PlanConfig.defaults()).url(graph))
        .isEqualTo("http://model-chainer-kserve-test.example.com");
  }

  static List<HasMetadata> render(Case c) {
    List<HasMetadata> docs = docs(c.name());
    InferenceGraphRenderer renderer =
        new InferenceGraphRenderer(
            RenderConfig.defaults().withRouting(c.routing()).withRouter(c.router()),
            PlanConfig.defaults());
    return c.knative()
        ? renderer.renderKnative(graph(docs), urls(docs))
        : renderer.render(graph(docs), urls(docs));
  }

  @Test
  void aFixedUrlWhoseHostIsNotAllowedIsWhatTheRouterWouldRefuse() {
    List<HasMetadata> docs = docs("graph-scaled");
    assertThat(renderer(RouterConfig.defaults()).outboundRefusals(graph(docs), urls(docs)))
        .containsExactly(
            "step \"external\" of node \"root\": serviceUrl"
                + " http://scorer.example.com/v1/models/scorer:predict reaches host"
                + " \"scorer.example.com\", which is none of the graph's InferenceServices"
                + " [image-classifier-transformer.models.svc.cluster.local,"
                + " lgbm-predictor.models.svc.cluster.local] and matches no --allow-host pattern []"
                + " (add --allow-host scorer.example.com to allow it)");
    assertThat(renderer(SCALED_ROUTER).outboundRefusals(graph(docs), urls(docs))).isEmpty();
    assertThat(
            renderer(RouterConfig.defaults().withImage("kserve/router:v0.15.0"))
                .outboundRefusals(graph(docs), urls(docs)))
        .as("KServe's router has no host guard")
        .isEmpty();
  }

  private static InferenceGraphRenderer renderer(RouterConfig router) {
    return new InferenceGraphRenderer(
        RenderConfig.defaults().withRouter(router), PlanConfig.defaults());
  }

  /** The URL of each InferenceService among {@code docs}, resolved as the reconciler does. */
  private static Map<String, String> urls(List<HasMetadata> docs) {
    Map<String, String> urls = new LinkedHashMap<>();
    PredictorEndpoint.Runtimes runtimes = ourRuntimes();
    docs.stream()
        .filter(InferenceService.class::isInstance)
        .map(InferenceService.class::cast)
        .forEach(
            isvc -> {
              PredictorEndpoint.Resolution r = PredictorEndpoint.resolve(isvc, runtimes);
              assertThat(r.problem()).as("resolution of %s", isvc.getMetadata().getName()).isNull();
              urls.put(isvc.getMetadata().getName(), r.url());
            });
    return urls;
  }

  private static List<HasMetadata> docs(String name) {
    return CODEC.readAll(GoldenCases.GOLDEN.resolve(name + ".ig.yaml"));
  }

  private static InferenceGraph graph(List<HasMetadata> docs) {
    return docs.stream()
        .filter(InferenceGraph.class::isInstance)
        .map(InferenceGraph.class::cast)
        .findFirst()
        .orElseThrow();
  }

  /**
   * The protocols of the ClusterServingRuntimes in {@code deploy/runtimes/kserve4j-runtimes.yaml},
   * by name.
   */
  private static PredictorEndpoint.Runtimes ourRuntimes() {
    Map<String, List<ProtocolVersion>> byName =
        CODEC
            .readAll(GoldenCases.repoRoot().resolve("deploy/runtimes/kserve4j-runtimes.yaml"))
            .stream()
            .filter(ClusterServingRuntime.class::isInstance)
            .map(ClusterServingRuntime.class::cast)
            .collect(
                Collectors.toMap(
                    r -> r.getMetadata().getName(), r -> r.getSpec().getProtocolVersions()));
    return (namespace, runtime) -> Optional.ofNullable(byName.get(runtime));
  }
}
