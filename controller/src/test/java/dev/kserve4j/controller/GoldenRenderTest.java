package dev.kserve4j.controller;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden tests: each {@code golden/NAME.isvc.yaml} is planned and rendered in Standard mode and the
 * objects' YAML is compared with {@code golden/NAME.objects.yaml}. Run with {@code
 * -Dkserve4j.updateGolden=true} to rewrite the expected files after a deliberate change.
 */
class GoldenRenderTest {

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.kserve4j.controller.GoldenCases#cases")
  void objectsMatchGoldenFile(GoldenCases.Case c) throws IOException {
    String actual = new RenderedYaml().write(GoldenCases.render(c).objects());
    TestCluster.assertMatchesGolden(c.name(), actual);
  }

  @Test
  void batcherOnAContainerThatCannotTakeItIsRefusedNotDropped() throws IOException {
    GoldenCases.Rendered planned = GoldenCases.plan("batcher-foreign");
    StandardModeRenderer renderer = new StandardModeRenderer(RenderConfig.defaults());

    assertThatThrownBy(() -> renderer.render(planned.isvc(), planned.plan()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("spec.predictor.batcher needs a container running kserve4j serve")
        .hasMessageContaining("docker.io/example/echo-server:1.0");
  }
}
