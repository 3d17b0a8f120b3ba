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
 * reports); the graph is rendered with the case's routing, its steps resolved against those
 * InferenceServices and our ClusterServingRuntimes, and the objects' YAML is compared with {@code
 * golden/graph-NAME.objects.yaml}. Run with {@code -Dkserve4j.updateGolden=true} to rewrite the
 * expected files after a deliberate change.
 */
class InferenceGraphGoldenTest {
  private static final ResourceCodec CODEC = new ResourceCodec();

  record Case(String name, RenderConfig.Routing routing) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("graph-chain", RenderConfig.Routing.INGRESS),
        new Case("graph-scaled", RenderConfig.Routing.GATEWAY_API));
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
    return new InferenceGraphRenderer(
            RenderConfig.defaults().withRouting(c.routing()), PlanConfig.defaults())
        .render(graph(docs), urls);
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
