package dev.kserve4j.plan.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kserve4j.api.v1alpha1.llm.LLMInferenceServiceSpec;
import dev.kserve4j.api.v1alpha1.llm.LLMModelSpec;
import dev.kserve4j.api.v1alpha1.llm.ParallelismSpec;
import dev.kserve4j.api.validation.FieldError;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmbeddedSupportAnalyzerTest {
  private final EmbeddedSupportAnalyzer analyzer = new EmbeddedSupportAnalyzer();

  private static LLMInferenceServiceSpec spec(
      String uri, Integer replicas, ParallelismSpec parallelism) {
    return new LLMInferenceServiceSpec(
        new LLMModelSpec(uri, null),
        null,
        replicas,
        null,
        parallelism,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        Map.of());
  }

  @Test
  void recognisesGgufFilesByTheLastPathSegment() {
    assertThat(EmbeddedSupportAnalyzer.isGguf("hf://org/repo-GGUF/model-Q4_K_M.GGUF")).isTrue();
    assertThat(EmbeddedSupportAnalyzer.isGguf("s3://bucket/models/llama.gguf")).isTrue();
    assertThat(EmbeddedSupportAnalyzer.isGguf("pvc://models/llama.gguf?x=1")).isTrue();
    assertThat(EmbeddedSupportAnalyzer.isGguf("hf://org/repo-GGUF")).isFalse();
    assertThat(EmbeddedSupportAnalyzer.isGguf("hf://org/model.gguf/config.json")).isFalse();
    assertThat(EmbeddedSupportAnalyzer.isGguf(null)).isFalse();
  }

  @Test
  void runsASingleGgufModelWithLlamaCppAndNotesExtraReplicas() {
    EmbeddedSupport support =
        analyzer.analyze(
            spec(
                "hf://org/repo/m.gguf",
                3,
                new ParallelismSpec(1, null, null, null, null, null, Map.of())));

    assertThat(support.runnable()).isTrue();
    assertThat(support.runtime()).isEqualTo(EmbeddedSupport.LLAMA_CPP);
    assertThat(support.ignored()).extracting(FieldError::path).containsExactly("spec.replicas");
  }

  @Test
  void refusesEveryMultiGpuDegreeNamingItsField() {
    EmbeddedSupport support =
        analyzer.analyze(
            spec(
                "hf://org/repo/m.gguf",
                1,
                new ParallelismSpec(2, 4, null, null, null, true, Map.of())));

    assertThat(support.runnable()).isFalse();
    assertThat(support.runtime()).isNull();
    assertThat(support.refusals())
        .extracting(FieldError::path)
        .containsExactly(
            "spec.parallelism.tensor", "spec.parallelism.pipeline", "spec.parallelism.expert");
    assertThat(support.refusals().get(1).message())
        .startsWith("not on one machine: pipeline parallelism");
  }

  @Test
  void aRuntimeGoesWithNoRefusalsOnly() {
    assertThatThrownBy(
            () ->
                new EmbeddedSupport(
                    EmbeddedSupport.LLAMA_CPP,
                    List.of(new FieldError("spec.prefill", null, "x")),
                    List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 refusal(s)");
  }
}
