package dev.kserve4j.local;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.api.knative.Addressable;
import dev.kserve4j.api.v1beta1.InferenceServiceStatus;
import dev.kserve4j.api.v1beta1.TrafficTarget;
import dev.kserve4j.plan.InferenceServicePlan;
import dev.kserve4j.plan.status.ComponentObservation;
import dev.kserve4j.plan.status.ConditionState;
import dev.kserve4j.plan.status.InferenceServiceStatusComputer;
import dev.kserve4j.plan.status.ModelFailure;
import dev.kserve4j.plan.status.Observed;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Records what the embedded host observed of an InferenceService as KServe's status, through the
 * computation both hosts share ({@link InferenceServiceStatusComputer}): the predictor's revisions
 * as Knative would report them (the latest created, the latest ready, the traffic split), whether a
 * revision serves, why the latest one does not, and the canary variants.
 */
final class StatusWriter {
  private final InferenceServiceStatusComputer computer;

  StatusWriter(Clock clock) {
    this.computer = new InferenceServiceStatusComputer(requireNonNull(clock, "clock"));
  }

  /**
   * The predictor as observed, with no other component.
   *
   * @param revisions its revisions
   * @param traffic the split over its revisions, as Knative reports it (empty when none serves)
   * @param latestFailure why the latest created revision is not ready, or null when it is
   * @param canaries the {@code spec.canary[]} variants as observed, by name
   */
  InferenceServiceStatus status(
      InferenceServicePlan plan,
      Revisions revisions,
      List<TrafficTarget> traffic,
      Failure latestFailure,
      Map<String, ComponentObservation> canaries,
      InferenceServiceStatus previous) {
    return status(plan, revisions, traffic, latestFailure, canaries, Map.of(), previous);
  }

  /**
   * As {@link #status(InferenceServicePlan, Revisions, List, Failure, Map,
   * InferenceServiceStatus)}, with the transformer and explainer as observed ({@link #component}).
   */
  InferenceServiceStatus status(
      InferenceServicePlan plan,
      Revisions revisions,
      List<TrafficTarget> traffic,
      Failure latestFailure,
      Map<String, ComponentObservation> canaries,
      Map<String, ComponentObservation> others,
      InferenceServiceStatus previous) {
    boolean serving = !traffic.isEmpty();
    ComponentObservation predictor =
        component(revisions, traffic, latestFailure, plan.predictor().url());
    Map<String, ComponentObservation> components = new LinkedHashMap<>(others);
    components.put("predictor", predictor);
    return computer.compute(
        plan,
        new Observed(
            components,
            canaries,
            serving ? ConditionState.TRUE : predictor.routes(),
            Observed.AddressRule.PLANNED),
        null,
        previous);
  }

  /**
   * A component as Knative would report it: its revisions, the traffic over them (empty when none
   * serves), why its latest revision is not ready (null when it is) and its URL.
   */
  static ComponentObservation component(
      Revisions revisions, List<TrafficTarget> traffic, Failure latestFailure, String url) {
    boolean serving = !traffic.isEmpty();
    ConditionState latest =
        latestFailure == null
            ? ConditionState.TRUE
            : ConditionState.failed(latestFailure.conditionReason(), latestFailure.message());
    ConditionState routes =
        serving
            ? ConditionState.TRUE
            : latestFailure == null
                ? ConditionState.UNKNOWN
                : ConditionState.failed(latestFailure.conditionReason(), latestFailure.message());
    return new ComponentObservation(
        serving ? latest : routes,
        routes,
        latest,
        revisions.latestCreated().orElse(null),
        revisions.latestReady().orElse(null),
        traffic,
        url,
        new Addressable(url),
        latestFailure == null ? null : modelFailure(latestFailure),
        null,
        null);
  }

  /**
   * A spec that could not be planned: the URL and components stay as they were; when {@code
   * serving}, the previous revision still serves and keeps the traffic.
   */
  InferenceServiceStatus unplanned(
      Failure failure, boolean serving, InferenceServiceStatus previous) {
    return computer.unplanned(
        failure.conditionReason(),
        failure.message(),
        modelFailure(failure),
        serving,
        null,
        null,
        previous);
  }

  /** A canary variant as observed: ready, or not with why. */
  static ComponentObservation canary(Optional<Failure> failure) {
    return ComponentObservation.standard(
        failure
            .map(f -> ConditionState.failed(f.conditionReason(), f.message()))
            .orElse(ConditionState.TRUE),
        failure.map(StatusWriter::modelFailure).orElse(null),
        1,
        failure.isPresent() ? 1 : 0);
  }

  private static ModelFailure modelFailure(Failure f) {
    return new ModelFailure(f.transition(), f.reason(), f.message(), null);
  }
}
