package dev.kserve4j.controller;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.kserve4j.api.ResourceCodec;
import dev.kserve4j.api.v1alpha1.ClusterServingRuntime;
import dev.kserve4j.api.v1alpha1.ServingRuntime;
import dev.kserve4j.api.v1beta1.InferenceService;
import dev.kserve4j.common.testing.Required;
import dev.kserve4j.plan.CanaryPlan;
import dev.kserve4j.plan.InferenceServicePlan;
import dev.kserve4j.plan.InferenceServicePlanner;
import dev.kserve4j.plan.PlanConfig;
import dev.kserve4j.plan.PlanResult;
import dev.kserve4j.plan.RuntimeCandidate;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The golden inputs: each {@code golden/NAME.isvc.yaml}, planned and rendered with a routing. */
final class GoldenCases {
  static final Path GOLDEN = Path.of("src", "test", "resources", "golden");
  private static final Path OURS = Path.of("deploy", "runtimes", "kserve4j-runtimes.yaml");
  private static final ResourceCodec CODEC = new ResourceCodec();

  record Case(String name, RenderConfig.Routing routing) {
    @Override
    public String toString() {
      return name;
    }
  }

  record Rendered(InferenceService isvc, InferenceServicePlan plan, List<HasMetadata> objects) {}

  private GoldenCases() {}

  static Stream<Case> cases() {
    return Stream.of(
        new Case("sklearn-iris", RenderConfig.Routing.INGRESS),
        new Case("transformer", RenderConfig.Routing.GATEWAY_API),
        new Case("explainer", RenderConfig.Routing.GATEWAY_API),
        new Case("pvc", RenderConfig.Routing.INGRESS),
        new Case("keda", RenderConfig.Routing.GATEWAY_API),
        new Case("hpa-resource-metrics", RenderConfig.Routing.NONE),
        new Case("hpa-pods-external", RenderConfig.Routing.NONE),
        new Case("keda-prometheus", RenderConfig.Routing.NONE),
        new Case("keda-graphite", RenderConfig.Routing.NONE),
        new Case("hpa-metrics", RenderConfig.Routing.NONE),
        new Case("keda-metrics", RenderConfig.Routing.NONE),
        new Case("batcher", RenderConfig.Routing.NONE),
        new Case("custom-runtime", RenderConfig.Routing.NONE),
        new Case("canaries", RenderConfig.Routing.GATEWAY_API),
        new Case("canaries-shadow", RenderConfig.Routing.GATEWAY_API),
        new Case("multi-model", RenderConfig.Routing.NONE),
        new Case("custom-container", RenderConfig.Routing.INGRESS));
  }

  /**
   * Plans the case's InferenceService against its file's ServingRuntimes, ours and KServe's, then
   * renders it.
   */
  static Rendered render(Case c) throws IOException {
    Rendered planned = plan(c.name());
    List<HasMetadata> objects =
        new StandardModeRenderer(RenderConfig.defaults().withRouting(c.routing()))
            .render(
                planned.isvc(),
                planned.plan(),
                planned.plan().canaries().stream()
                    .map(CanaryPlan::name)
                    .collect(Collectors.toSet()));
    return new Rendered(planned.isvc(), planned.plan(), objects);
  }

  /**
   * Plans {@code golden/NAME.isvc.yaml} against its file's ServingRuntimes, ours and KServe's; no
   * objects yet.
   */
  static Rendered plan(String name) throws IOException {
    List<HasMetadata> docs = CODEC.readAll(GOLDEN.resolve(name + ".isvc.yaml"));
    InferenceService isvc =
        docs.stream()
            .filter(InferenceService.class::isInstance)
            .map(InferenceService.class::cast)
            .findFirst()
            .orElseThrow();
    List<RuntimeCandidate> namespaced =
        docs.stream()
            .filter(ServingRuntime.class::isInstance)
            .map(r -> RuntimeCandidate.of((ServingRuntime) r))
            .toList();
    List<RuntimeCandidate> cluster = new ArrayList<>(clusterRuntimes(repoRoot().resolve(OURS)));
    cluster.addAll(kserveDefaults());
    PlanResult result =
        new InferenceServicePlanner().plan(isvc, namespaced, cluster, PlanConfig.defaults());
    assertThat(result).as("plan of %s", name).isInstanceOf(PlanResult.Planned.class);
    return new Rendered(isvc, ((PlanResult.Planned) result).plan(), List.of());
  }

  static Path repoRoot() {
    String configured = System.getProperty("kserve4j.repoRoot");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured).toAbsolutePath().normalize();
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(OURS))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "no ancestor of " + Path.of("").toAbsolutePath() + " contains " + OURS);
  }

  private static List<RuntimeCandidate> clusterRuntimes(Path file) {
    return CODEC.readAll(file).stream()
        .filter(ClusterServingRuntime.class::isInstance)
        .map(r -> RuntimeCandidate.of((ClusterServingRuntime) r))
        .toList();
  }

  /** KServe's default runtimes, as a cluster has them; the calling test is skipped without them. */
  private static List<RuntimeCandidate> kserveDefaults() throws IOException {
    Path dir =
        repoRoot()
            .resolveSibling("shared")
            .resolve("fixtures")
            .resolve("kserve-config")
            .resolve("runtimes");
    Required.that(
        Files.isRegularFile(dir.resolve("kustomization.yaml")),
        "KServe's default runtimes are absent: " + dir);
    JsonNode kustomization =
        new ObjectMapper(new YAMLFactory()).readTree(dir.resolve("kustomization.yaml").toFile());
    List<RuntimeCandidate> out = new ArrayList<>();
    for (JsonNode resource : kustomization.path("resources")) {
      out.addAll(clusterRuntimes(dir.resolve(resource.asText())));
    }
    return out;
  }
}
