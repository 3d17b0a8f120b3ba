package dev.kserve4j.plan.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kserve4j.api.knative.Addressable;
import dev.kserve4j.api.v1beta1.ComponentStatusSpec;
import dev.kserve4j.api.v1beta1.TrafficTarget;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * KServe's {@code PropagateStatus} of one Knative-form component, fed with the traffic its {@code
 * ksvc_reconciler} sets and Knative reports: a first deploy, a canary share, promotion, rollback
 * before and after a full rollout, and a candidate that never becomes ready.
 */
class RolloutPropagationTest {
  static final String R1 = "iris-predictor-00001";
  static final String R2 = "iris-predictor-00002";
  static final String URL = "http://iris-predictor.ml.example.com";

  /** Knative's target following the latest ready revision. */
  static TrafficTarget latest(String revision, long percent, String tag) {
    return new TrafficTarget(tag, revision, null, true, percent, null, Map.of());
  }

  /** The share KServe pins to the last rolled-out revision while a canary runs. */
  static TrafficTarget prev(String revision, long percent) {
    return new TrafficTarget("prev", revision, null, false, percent, null, Map.of());
  }

  static ComponentObservation serving(
      String created, String ready, List<TrafficTarget> traffic, ConditionState state) {
    return new ComponentObservation(
        state,
        ConditionState.TRUE,
        state,
        created,
        ready,
        traffic,
        URL,
        new Addressable("http://iris-predictor.ml.svc.cluster.local"),
        null,
        null,
        null);
  }

  static ComponentObservation ready(String created, String ready, List<TrafficTarget> traffic) {
    return serving(created, ready, traffic, ConditionState.TRUE);
  }

  static ComponentStatusSpec rolledOut(String latest, String previous) {
    return new ComponentStatusSpec(
        latest, latest, previous, latest, List.of(), URL, null, null, null, Map.of());
  }

  @Test
  void aFirstDeployAtFullShareIsRolledOut() {
    ComponentStatusSpec s =
        RolloutPropagation.propagate(null, ready(R1, R1, List.of(latest(R1, 100, null))));

    assertThat(s.latestCreatedRevision()).isEqualTo(R1);
    assertThat(s.latestReadyRevision()).isEqualTo(R1);
    assertThat(s.latestRolledoutRevision()).isEqualTo(R1);
    assertThat(s.previousRolledoutRevision()).isNull();
    assertThat(s.traffic()).containsExactly(latest(R1, 100, null));
    assertThat(s.url()).isEqualTo(URL);
    assertThat(s.address().url()).isEqualTo("http://iris-predictor.ml.svc.cluster.local");
  }

  @Test
  void aCanaryShareKeepsTheRolledOutRevisionAndReportsTheSplitWithItsTags() {
    List<TrafficTarget> split = List.of(latest(R2, 10, "latest"), prev(R1, 90));

    ComponentStatusSpec s = RolloutPropagation.propagate(rolledOut(R1, null), ready(R2, R2, split));

    assertThat(s.latestReadyRevision()).isEqualTo(R2);
    assertThat(s.latestCreatedRevision()).isEqualTo(R2);
    assertThat(s.latestRolledoutRevision()).as("not at 100% yet").isEqualTo(R1);
    assertThat(s.previousRolledoutRevision()).isNull();
    assertThat(s.traffic()).isEqualTo(split);
  }

  @Test
  void promotionMovesTheRolledOutRevisionToPrevious() {
    ComponentStatusSpec canary =
        RolloutPropagation.propagate(
            rolledOut(R1, null), ready(R2, R2, List.of(latest(R2, 50, null), prev(R1, 50))));

    ComponentStatusSpec promoted =
        RolloutPropagation.propagate(canary, ready(R2, R2, List.of(latest(R2, 100, null))));

    assertThat(promoted.latestRolledoutRevision()).isEqualTo(R2);
    assertThat(promoted.previousRolledoutRevision()).isEqualTo(R1);
    assertThat(promoted.traffic()).containsExactly(latest(R2, 100, null));
  }

  @Test
  void rollingBackToZeroBeforePromotionKeepsTheRolledOutRevision() {
    ComponentStatusSpec s =
        RolloutPropagation.propagate(
            rolledOut(R1, null), ready(R2, R2, List.of(latest(R2, 0, null), prev(R1, 100))));

    assertThat(s.latestRolledoutRevision()).isEqualTo(R1);
    assertThat(s.previousRolledoutRevision()).isNull();
    assertThat(s.traffic()).containsExactly(latest(R2, 0, null), prev(R1, 100));
  }

  @Test
  void splittingAFullyRolledOutRevisionBackRestoresThePreviousOne() {
    // R2 was promoted; canaryTrafficPercent is set again without a spec change, so KServe's first
    // reconcile splits R2's traffic over R2 itself (latest 10, prev 90): the whole share is R2's.
    ComponentStatusSpec restored =
        RolloutPropagation.propagate(
            rolledOut(R2, R1), ready(R2, R2, List.of(latest(R2, 10, null), prev(R2, 90))));

    assertThat(restored.latestRolledoutRevision()).isEqualTo(R1);
    assertThat(restored.previousRolledoutRevision()).isEqualTo(R1);

    // The next reconcile sends prev's share to the restored revision; nothing moves further.
    ComponentStatusSpec next =
        RolloutPropagation.propagate(
            restored, ready(R2, R2, List.of(latest(R2, 10, null), prev(R1, 90))));
    assertThat(next.latestRolledoutRevision()).isEqualTo(R1);
  }

  @Test
  void aSplitOverTheSameRevisionWithoutAPreviousOneChangesNothing() {
    ComponentStatusSpec s =
        RolloutPropagation.propagate(
            rolledOut(R1, null), ready(R1, R1, List.of(latest(R1, 10, null), prev(R1, 90))));

    assertThat(s.latestRolledoutRevision()).isEqualTo(R1);
  }

  @Test
  void aFailedCandidateNeverTakesTrafficNorBecomesRolledOut() {
    // Knative resolves latestRevision to the latest *ready* revision: R1 keeps the traffic.
    ComponentObservation failed =
        serving(
            R2,
            R1,
            List.of(latest(R1, 100, null)),
            ConditionState.failed("RevisionFailed", "Revision \"" + R2 + "\" failed"));

    ComponentStatusSpec s = RolloutPropagation.propagate(rolledOut(R1, null), failed);

    assertThat(s.latestCreatedRevision()).isEqualTo(R2);
    assertThat(s.latestReadyRevision()).isEqualTo(R1);
    assertThat(s.latestRolledoutRevision()).isEqualTo(R1);
    assertThat(s.previousRolledoutRevision()).isNull();
    assertThat(s.traffic()).containsExactly(latest(R1, 100, null));
  }

  @Test
  void aFailedCandidateDuringACanaryLeavesTheSplitOnTheServingRevision() {
    ComponentObservation failed =
        serving(
            R2,
            R1,
            List.of(latest(R1, 10, null), prev(R1, 90)),
            ConditionState.failed("RevisionFailed", "boom"));

    ComponentStatusSpec s = RolloutPropagation.propagate(rolledOut(R1, null), failed);

    assertThat(s.latestRolledoutRevision())
        .as("the latest created is not the ready one, so this is no rollback")
        .isEqualTo(R1);
  }

  @Test
  void aComponentNotReadyKeepsItsUrlAndAddress() {
    ComponentStatusSpec before =
        new ComponentStatusSpec(
            R1,
            R1,
            null,
            R1,
            List.of(),
            "http://before",
            null,
            null,
            new Addressable("http://before.svc"),
            Map.of());
    ComponentObservation down =
        new ComponentObservation(
            ConditionState.UNKNOWN,
            null,
            null,
            R1,
            R1,
            List.of(latest(R1, 100, null)),
            "http://new",
            new Addressable("http://new.svc"),
            null,
            null,
            null);

    ComponentStatusSpec s = RolloutPropagation.propagate(before, down);

    assertThat(s.url()).isEqualTo("http://before");
    assertThat(s.address().url()).isEqualTo("http://before.svc");
  }

  @Test
  void nothingObservedKeepsWhatWasThere() {
    ComponentStatusSpec before = rolledOut(R1, null);
    assertThat(RolloutPropagation.propagate(before, null)).isSameAs(before);
    assertThat(RolloutPropagation.propagate(null, null).latestRolledoutRevision()).isNull();
  }
}
