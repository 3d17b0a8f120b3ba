package dev.kserve4j.plan.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kserve4j.api.ResourceCodec;
import dev.kserve4j.api.v1alpha1.llm.LLMInferenceService;
import dev.kserve4j.plan.PlanConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden tests: each {@code golden/NAME.llmisvc.yaml} is planned and the plan's YAML is compared
 * with {@code golden/NAME.llmplan.yaml}. Run with {@code -Dkserve4j.updateGolden=true} to rewrite
 * the expected files after a deliberate change.
 */
class LLMGoldenPlanTest {
  private static final Path GOLDEN = Path.of("src", "test", "resources", "golden");
  private static final ResourceCodec CODEC = new ResourceCodec();

  record Case(String name, Class<? extends LLMPlanResult> expected, Boolean embeddable) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("gguf-single", LLMPlanResult.Planned.class, true),
        new Case("opt-125m", LLMPlanResult.Planned.class, false),
        new Case("pd-qwen2", LLMPlanResult.Planned.class, false),
        new Case("dp-ep-deepseek", LLMPlanResult.Planned.class, false),
        new Case("invalid", LLMPlanResult.Rejected.class, null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void planMatchesGoldenFile(Case c) throws IOException {
    LLMInferenceService llmSvc =
        CODEC.read(
            Files.readString(GOLDEN.resolve(c.name() + ".llmisvc.yaml")),
            c.name() + ".llmisvc.yaml",
            LLMInferenceService.class);
    LLMPlanResult result = new LLMInferenceServicePlanner().plan(llmSvc, PlanConfig.defaults());
    assertThat(result).as("result of %s", c.name()).isInstanceOf(c.expected());
    if (result instanceof LLMPlanResult.Planned p) {
      assertThat(p.plan().embedded().runnable()).as("embedded runnable").isEqualTo(c.embeddable());
    }
    String actual = new LLMPlanYaml().write(result);
    Path expectedFile = GOLDEN.resolve(c.name() + ".llmplan.yaml");
    if (Boolean.getBoolean("kserve4j.updateGolden")) {
      Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
    }
    assertThat(expectedFile)
        .as("golden file %s (create it with -Dkserve4j.updateGolden=true)", expectedFile)
        .isRegularFile();
    assertEquals(
        Files.readString(expectedFile),
        actual,
        "plan of "
            + c.name()
            + " differs from "
            + expectedFile
            + " (rerun with -Dkserve4j.updateGolden=true if intended)");
  }
}
