package dev.kserve4j.server.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kserve4j.common.KServeException;
import dev.kserve4j.runtime.generate.GeneratedToken;
import dev.kserve4j.runtime.generate.Generation;
import dev.kserve4j.runtime.generate.GenerationRequest;
import dev.kserve4j.server.metrics.GenerationMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GenerationExecutorTest {
  private final MeterRegistry registry = new SimpleMeterRegistry();

  private long timerCount(String name) {
    return registry.get(name).tag("model_name", "m").timer().count();
  }

  private double gauge(String name) {
    return registry.get(name).tag("model_name", "m").gauge().value();
  }

  @Test
  void runsOffTheCallerAndRecordsEveryGenerationMetric() {
    FakeTextGenerator model = new FakeTextGenerator("m", Map.of());
    List<String> threads = new ArrayList<>();
    try (GenerationExecutor executor = new GenerationExecutor(2, new GenerationMetrics(registry))) {
      Generation g =
          executor
              .submit(
                  "m",
                  model,
                  GenerationRequest.greedy("a b c d", 3),
                  token -> {
                    threads.add(Thread.currentThread().getName());
                    return true;
                  })
              .orTimeout(30, TimeUnit.SECONDS)
              .join();
      assertThat(g).isEqualTo(new Generation(4, 3, Generation.FinishReason.LENGTH));
    }
    assertThat(threads).hasSize(3).allMatch(name -> name.startsWith("text-generation-"));
    assertThat(timerCount("kserve4j_generation_queue_wait")).isEqualTo(1);
    assertThat(timerCount("kserve4j_generation_time_to_first_token")).isEqualTo(1);
    assertThat(timerCount("kserve4j_generation_inter_token_latency")).isEqualTo(2);
    assertThat(timerCount("kserve4j_generation_duration")).isEqualTo(1);
    assertThat(registry.get("kserve4j_generation_tokens_per_second").summary().count())
        .isEqualTo(1);
    assertThat(registry.get("kserve4j_generation_prompt_tokens").counter().count()).isEqualTo(4);
    assertThat(registry.get("kserve4j_generation_completion_tokens").counter().count())
        .isEqualTo(3);
    assertThat(gauge("kserve4j_generation_active_requests")).isZero();
    assertThat(gauge("kserve4j_generation_waiting_requests")).isZero();
  }

  @Test
  void aFailingGenerationFailsItsFutureAndLeavesNoActiveGeneration() {
    FakeTextGenerator model = new FakeTextGenerator("m", Map.of("failAfterTokens", "1"));
    try (GenerationExecutor executor = new GenerationExecutor(1, new GenerationMetrics(registry))) {
      assertThatThrownBy(
              () ->
                  executor
                      .submit(
                          "m",
                          model,
                          GenerationRequest.greedy("a b", 5),
                          (GeneratedToken token) -> true)
                      .orTimeout(30, TimeUnit.SECONDS)
                      .join())
          .isInstanceOf(CompletionException.class)
          .cause()
          .isInstanceOf(KServeException.class)
          .hasMessage("model 'm' failed after 1 tokens");
    }
    assertThat(gauge("kserve4j_generation_active_requests")).isZero();
    assertThat(timerCount("kserve4j_generation_time_to_first_token")).isEqualTo(1);
    assertThat(timerCount("kserve4j_generation_duration")).isZero();
  }

  @Test
  void aSinkThatRefusesStopsTheGeneration() {
    FakeTextGenerator model = new FakeTextGenerator("m", Map.of());
    try (GenerationExecutor executor = new GenerationExecutor(1, new GenerationMetrics(registry))) {
      Generation g =
          executor
              .submit("m", model, GenerationRequest.greedy("a b c d e", -1), token -> false)
              .orTimeout(30, TimeUnit.SECONDS)
              .join();
      assertThat(g.finishReason()).isEqualTo(Generation.FinishReason.CANCELLED);
    }
    assertThat(model.refused.get()).isTrue();
    assertThat(model.lastTokens.get()).isEqualTo(1);
  }
}
