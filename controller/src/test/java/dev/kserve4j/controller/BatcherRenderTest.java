package dev.kserve4j.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kserve4j.plan.CanaryPlan;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The predictor's batcher on Kubernetes: kserve4j's flags, or a refusal, never dropped. */
class BatcherRenderTest {
  private static Deployment predictor(String name) throws IOException {
    return GoldenCases.render(new GoldenCases.Case(name, RenderConfig.Routing.NONE))
        .objects()
        .stream()
        .filter(Deployment.class::isInstance)
        .map(Deployment.class::cast)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aKserve4jServerBatchesWithTheBatchersValues() throws IOException {
    assertThat(
            predictor("batcher")
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .getFirst()
                .getArgs())
        .endsWith("--max-batch-size=16", "--max-queue-delay-us=500000");
  }

  @Test
  void anotherServerImageIsRefusedNamingTheField() throws IOException {
    GoldenCases.Rendered planned = GoldenCases.plan("batcher-other-image");
    StandardModeRenderer renderer = new StandardModeRenderer(RenderConfig.defaults());
    assertThatThrownBy(
            () ->
                renderer.render(
                    planned.isvc(),
                    planned.plan(),
                    planned.plan().canaries().stream()
                        .map(CanaryPlan::name)
                        .collect(Collectors.toSet())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("spec.predictor.batcher: the server container runs image")
        .hasMessageContaining("expected a kserve4j runtime");
  }
}
