package dev.kserve4j.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden tests of Knative mode: each {@code golden/knative-NAME.isvc.yaml} is planned and rendered
 * with the last rolled-out revisions its stored status records, and the objects' YAML is compared
 * with {@code golden/knative-NAME.objects.yaml} (a case named {@code ...-gateway} renders its input
 * with Gateway API routing). Run with {@code -Dkserve4j.updateGolden=true} to rewrite the expected
 * files after a deliberate change.
 */
class KnativeGoldenTest {

  static Stream<GoldenCases.Case> cases() {
    return Stream.of(
        new GoldenCases.Case("knative-sklearn-iris", RenderConfig.Routing.INGRESS),
        new GoldenCases.Case("knative-canary", RenderConfig.Routing.INGRESS),
        new GoldenCases.Case("knative-shadow", RenderConfig.Routing.INGRESS),
        new GoldenCases.Case("knative-shadow-gateway", RenderConfig.Routing.GATEWAY_API),
        new GoldenCases.Case("knative-scale", RenderConfig.Routing.NONE),
        new GoldenCases.Case("knative-batcher", RenderConfig.Routing.NONE),
        new GoldenCases.Case("knative-explainer", RenderConfig.Routing.INGRESS),
        new GoldenCases.Case("knative-explainer-gateway", RenderConfig.Routing.GATEWAY_API));
  }

  private static GoldenCases.Rendered render(GoldenCases.Case c) throws IOException {
    GoldenCases.Rendered planned = GoldenCases.plan(c.name().replace("-gateway", ""));
    List<HasMetadata> objects =
        new KnativeModeRenderer(RenderConfig.defaults().withRouting(c.routing()))
            .render(
                planned.isvc(),
                planned.plan(),
                KnativeModeRenderer.lastRolledOut(planned.isvc().getStatus()));
    return new GoldenCases.Rendered(planned.isvc(), planned.plan(), objects);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void objectsMatchGoldenFile(GoldenCases.Case c) throws IOException {
    String actual = new RenderedYaml().write(render(c).objects());
    TestCluster.assertMatchesGolden(c.name(), actual);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void everyObjectIsOwnedAndLabelled(GoldenCases.Case c) throws IOException {
    GoldenCases.Rendered r = render(c);
    assertThat(r.objects())
        .isNotEmpty()
        .allSatisfy(
            o -> {
              assertThat(o.getMetadata().getLabels())
                  .containsEntry(ComponentMeta.ISVC_LABEL, r.plan().name());
              assertThat(o.getMetadata().getOwnerReferences())
                  .singleElement()
                  .satisfies(
                      owner -> {
                        assertThat(owner.getUid()).isEqualTo(r.isvc().getMetadata().getUid());
                        assertThat(owner.getController()).isTrue();
                      });
            });
  }

  @Test
  void aStandardPlanIsRefused() throws IOException {
    GoldenCases.Rendered planned = GoldenCases.plan("sklearn-iris");
    KnativeModeRenderer renderer = new KnativeModeRenderer(RenderConfig.defaults());
    assertThatIllegalArgumentException()
        .isThrownBy(() -> renderer.render(planned.isvc(), planned.plan(), Map.of()))
        .withMessage(
            "InferenceService 'sklearn-iris' is planned for Standard mode (expected Knative)");
  }

  @Test
  void aCanaryWithoutARolledOutRevisionSendsAllTrafficToTheLatest() throws IOException {
    GoldenCases.Rendered planned = GoldenCases.plan("knative-canary");
    HasMetadata ksvc =
        new KnativeModeRenderer(RenderConfig.defaults())
            .render(planned.isvc(), planned.plan(), Map.of())
            .getFirst();
    assertThat(new RenderedYaml().write(List.of(ksvc)))
        .contains("traffic:\n  - latestRevision: true\n    percent: 100\n    tag: latest\n")
        .doesNotContain("prev");
  }
}
