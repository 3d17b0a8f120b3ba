package dev.kserve4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kserve4j.api.v1alpha1.llm.Criticality;
import dev.kserve4j.api.v1alpha1.llm.LLMInferenceService;
import dev.kserve4j.api.v1alpha1.llm.LLMInferenceServiceSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LLMInferenceServiceCodecTest {
  private final ResourceCodec codec = new ResourceCodec();

  private static String sample() throws IOException {
    return Files.readString(Path.of("src/test/resources/resources/llm-inference-service.yaml"));
  }

  @Test
  void readsEveryPartIntoItsType() throws IOException {
    LLMInferenceService llmSvc = codec.read(sample(), "llm.yaml", LLMInferenceService.class);
    LLMInferenceServiceSpec spec = llmSvc.getSpec();

    assertThat(spec.model().uri()).isEqualTo("hf://Qwen/Qwen2.5-7B-Instruct");
    assertThat(spec.model().criticality()).isEqualTo(Criticality.CRITICAL);
    assertThat(spec.model().lora().adapters()).extracting(a -> a.name()).containsExactly("sql");
    assertThat(spec.workload().replicas()).isEqualTo(2);
    assertThat(spec.workload().parallelism().tensor()).isEqualTo(2);
    assertThat(spec.prefill().template().getContainers()).hasSize(1);
    assertThat(
            spec.router()
                .scheduler()
                .config()
                .inline()
                .path("plugins")
                .get(0)
                .path("type")
                .asText())
        .isEqualTo("prefix-cache-scorer");
    assertThat(spec.router().gateway().refs()).isNull();
    assertThat(llmSvc.getStatus().isReady()).isTrue();
    assertThat(llmSvc.getStatus().getAddresses()).hasSize(1);
  }

  @Test
  void keepsUnknownFieldsThroughARoundTrip() throws IOException {
    LLMInferenceService first = codec.read(sample(), "llm.yaml", LLMInferenceService.class);
    String written = codec.toYaml(first);
    LLMInferenceService second = codec.read(written, "written.yaml", LLMInferenceService.class);

    assertThat(first.getSpec().additionalProperties()).containsEntry("futureField", "kept");
    assertThat(written).contains("futureField: kept").contains("idleTimeout: 10m");
    assertThat(second.getSpec()).isEqualTo(first.getSpec());
    assertThat(second.getStatus()).isEqualTo(first.getStatus());
  }

  @Test
  void rejectsAnUnknownCriticalityNamingTheField() throws IOException {
    String bad = sample().replace("criticality: Critical", "criticality: Urgent");

    assertThatThrownBy(() -> codec.read(bad, "bad.yaml", LLMInferenceService.class))
        .isInstanceOf(ResourceReadException.class)
        .hasMessageContaining("spec.model.criticality")
        .hasMessageContaining("Urgent");
  }
}
