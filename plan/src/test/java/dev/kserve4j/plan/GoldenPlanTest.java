package dev.kserve4j.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.kserve4j.api.ResourceCodec;
import dev.kserve4j.api.v1alpha1.ClusterServingRuntime;
import dev.kserve4j.api.v1beta1.InferenceService;
import dev.kserve4j.common.testing.Required;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden tests: each {@code golden/NAME.isvc.yaml} is planned against a set of runtimes and the
 * plan's YAML is compared with {@code golden/NAME.plan.yaml}. Run with {@code
 * -Dkserve4j.updateGolden=true} to rewrite the expected files after a deliberate change.
 */
class GoldenPlanTest {
  private static final Path GOLDEN = Path.of("src", "test", "resources", "golden");
  private static final Path OURS = Path.of("deploy", "runtimes", "kserve4j-runtimes.yaml");
  private static final ResourceCodec CODEC = new ResourceCodec();

  /** The runtimes a case is planned against. */
  enum Runtimes {
    KSERVE4J,
    KSERVE4J_AND_KSERVE_DEFAULTS
  }

  record Case(String name, Runtimes runtimes, Class<? extends PlanResult> expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("sklearn-iris", Runtimes.KSERVE4J_AND_KSERVE_DEFAULTS, PlanResult.Planned.class),
        new Case("xgboost-v2", Runtimes.KSERVE4J_AND_KSERVE_DEFAULTS, PlanResult.Planned.class),
        new Case("transformer", Runtimes.KSERVE4J, PlanResult.Planned.class),
        new Case("canary", Runtimes.KSERVE4J, PlanResult.Planned.class),
        new Case("canaries", Runtimes.KSERVE4J, PlanResult.Planned.class),
        new Case(
            "explicit-runtime", Runtimes.KSERVE4J_AND_KSERVE_DEFAULTS, PlanResult.Planned.class),
        new Case("explainer", Runtimes.KSERVE4J, PlanResult.Planned.class),
        new Case("no-runtime", Runtimes.KSERVE4J, PlanResult.NoRuntime.class),
        new Case("invalid", Runtimes.KSERVE4J, PlanResult.Rejected.class));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void planMatchesGoldenFile(Case c) throws IOException {
    InferenceService isvc =
        CODEC.read(
            Files.readString(GOLDEN.resolve(c.name() + ".isvc.yaml")),
            c.name() + ".isvc.yaml",
            InferenceService.class);
    List<RuntimeCandidate> cluster = new ArrayList<>(ours());
    if (c.runtimes() == Runtimes.KSERVE4J_AND_KSERVE_DEFAULTS) {
      cluster.addAll(kserveDefaults());
    }
    PlanResult result =
        new InferenceServicePlanner().plan(isvc, List.of(), cluster, PlanConfig.defaults());
    assertThat(result).as("result of %s", c.name()).isInstanceOf(c.expected());
    String actual = new PlanYaml().write(result);
    Path expectedFile = GOLDEN.resolve(c.name() + ".plan.yaml");
    if (Boolean.getBoolean("kserve4j.updateGolden")) {
      Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
    }
    assertThat(expectedFile)
        .as("golden file %s (create it with -Dkserve4j.updateGolden=true)", expectedFile)
        .isRegularFile();
    // assertEquals on strings gives IDEs and surefire a line diff.
    assertEquals(
        Files.readString(expectedFile),
        actual,
        "plan of "
            + c.name()
            + " differs from "
            + expectedFile
            + " (rerun with -Dkserve4j.updateGolden=true if intended)");
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

  static List<RuntimeCandidate> clusterRuntimes(Path file) {
    return CODEC.readAll(file).stream()
        .filter(ClusterServingRuntime.class::isInstance)
        .map(r -> RuntimeCandidate.of((ClusterServingRuntime) r))
        .toList();
  }

  static List<RuntimeCandidate> ours() {
    return clusterRuntimes(repoRoot().resolve(OURS));
  }

  /**
   * KServe's default runtimes (those its kustomization installs); the calling test is skipped
   * without them.
   */
  static List<RuntimeCandidate> kserveDefaults() throws IOException {
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
