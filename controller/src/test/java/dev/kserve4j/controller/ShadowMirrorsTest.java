package dev.kserve4j.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kserve4j.api.ShadowPolicy;
import dev.kserve4j.api.v1beta1.ComponentStatusSpec;
import dev.kserve4j.api.v1beta1.InferenceServiceStatus;
import dev.kserve4j.plan.CanaryPlan;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** When the operator renders shadow mirrors, and when it renders none. */
class ShadowMirrorsTest {
  private static final String CANDIDATE = "sklearn-iris-predictor-00002";
  private static final String ROLLED_OUT = "sklearn-iris-predictor-00001";

  @Test
  void standardModeMirrorsToTheReadyCanariesOnly() throws IOException {
    GoldenCases.Rendered r = GoldenCases.plan("canaries-shadow");
    Set<String> all =
        r.plan().canaries().stream().map(CanaryPlan::name).collect(Collectors.toSet());

    assertThat(ShadowMirrors.standard(r.isvc(), r.plan(), all).orElseThrow().targets())
        .containsExactly(
            new ShadowMirrors.Target("iris-v2-predictor", 80),
            new ShadowMirrors.Target("iris-xgb-predictor", 80));
    assertThat(ShadowMirrors.standard(r.isvc(), r.plan(), Set.of("xgb")).orElseThrow().targets())
        .containsExactly(new ShadowMirrors.Target("iris-xgb-predictor", 80));
    assertThat(ShadowMirrors.standard(r.isvc(), r.plan(), Set.of())).isEmpty();
  }

  @Test
  void withoutTheAnnotationOrAtZeroPercentNothingIsMirrored() throws IOException {
    GoldenCases.Rendered plain = GoldenCases.plan("canaries");
    Set<String> all =
        plain.plan().canaries().stream().map(CanaryPlan::name).collect(Collectors.toSet());
    assertThat(ShadowMirrors.standard(plain.isvc(), plain.plan(), all)).isEmpty();

    GoldenCases.Rendered zero = GoldenCases.plan("canaries-shadow");
    zero.isvc().getMetadata().getAnnotations().put(ShadowPolicy.PERCENT_ANNOTATION, "0");
    assertThat(ShadowMirrors.standard(zero.isvc(), zero.plan(), all)).isEmpty();
  }

  @Test
  void knativeModeMirrorsToTheLatestReadyRevisionOnlyWhileARolloutIsUnderWay() throws IOException {
    GoldenCases.Rendered r = GoldenCases.plan("knative-shadow");
    Map<String, String> rolledOut = Map.of("predictor", ROLLED_OUT);

    ShadowMirrors mirrors = ShadowMirrors.knative(r.isvc(), r.plan(), rolledOut).orElseThrow();
    assertThat(mirrors.targets())
        .containsExactly(new ShadowMirrors.Target(CANDIDATE + "-private", 80));
    assertThat(mirrors.istioFields("kserve-test"))
        .isEqualTo(
            Map.of(
                "mirror",
                Map.of(
                    "host",
                    CANDIDATE + "-private.kserve-test.svc.cluster.local",
                    "port",
                    Map.of("number", 80)),
                "mirrorPercentage",
                Map.of("value", 12.5)));
    // first deployment: no revision rolled out yet
    assertThat(ShadowMirrors.knative(r.isvc(), r.plan(), Map.of())).isEmpty();
    // the new revision is not ready yet: the latest ready one is the rolled-out one
    r.isvc()
        .setStatus(
            statusWithLatestReady(
                ROLLED_OUT, r.isvc().getStatus().getComponents().get("predictor")));
    assertThat(ShadowMirrors.knative(r.isvc(), r.plan(), rolledOut)).isEmpty();
  }

  private static InferenceServiceStatus statusWithLatestReady(
      String latestReady, ComponentStatusSpec was) {
    InferenceServiceStatus status = new InferenceServiceStatus();
    status.setComponents(
        Map.of(
            "predictor",
            new ComponentStatusSpec(
                latestReady,
                was.latestCreatedRevision(),
                was.previousRolledoutRevision(),
                was.latestRolledoutRevision(),
                null,
                null,
                null,
                null,
                null,
                Map.of())));
    return status;
  }
}
