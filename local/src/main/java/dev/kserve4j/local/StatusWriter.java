package dev.kserve4j.local;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.api.knative.Addressable;
import dev.kserve4j.api.knative.Condition;
import dev.kserve4j.api.v1beta1.ComponentStatusSpec;
import dev.kserve4j.api.v1beta1.FailureInfo;
import dev.kserve4j.api.v1beta1.InferenceServiceStatus;
import dev.kserve4j.api.v1beta1.ModelRevisionStates;
import dev.kserve4j.api.v1beta1.ModelState;
import dev.kserve4j.api.v1beta1.ModelStatus;
import dev.kserve4j.api.v1beta1.TrafficTarget;
import dev.kserve4j.api.v1beta1.TransitionStatus;
import dev.kserve4j.plan.ComponentPlan;
import dev.kserve4j.plan.InferenceServicePlan;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Records the outcome of an apply as KServe's InferenceService status: the {@code PredictorReady},
 * {@code IngressReady} and {@code Ready} conditions, URL, predictor revisions and traffic, and
 * {@code modelStatus}.
 *
 * <p>A condition's {@code lastTransitionTime} is the clock's time when its status changes and is
 * kept otherwise (Knative's condition-set contract), so recording the same outcome twice gives an
 * equal status.
 */
final class StatusWriter {
  static final String PREDICTOR_READY = "PredictorReady";
  static final String INGRESS_READY = "IngressReady";
  static final String READY = "Ready";

  private final Clock clock;

  StatusWriter(Clock clock) {
    this.clock = requireNonNull(clock, "clock");
  }

  /** The latest revision loaded and serves all traffic. */
  InferenceServiceStatus serving(
      InferenceServicePlan plan, Revisions revisions, InferenceServiceStatus previous) {
    InferenceServiceStatus status = base(Optional.of(plan), revisions, previous);
    status.setConditions(
        conditions(
            previous,
            List.of(
                new Condition(PREDICTOR_READY, "True", null, null),
                new Condition(INGRESS_READY, "True", null, null),
                new Condition(READY, "True", null, null))));
    status.setModelStatus(
        new ModelStatus(
            TransitionStatus.UP_TO_DATE,
            new ModelRevisionStates(ModelState.LOADED, ModelState.LOADED, Map.of()),
            null,
            null,
            Map.of()));
    return status;
  }

  /**
   * The latest spec does not serve; when {@code serving}, the previous revision still does and
   * keeps the traffic. Without a plan (the spec was rejected or has no runtime) the URL and
   * components stay as they were.
   */
  InferenceServiceStatus failed(
      Failure failure,
      Optional<InferenceServicePlan> plan,
      Revisions revisions,
      boolean serving,
      InferenceServiceStatus previous) {
    InferenceServiceStatus status = base(plan, revisions, previous);
    String ingress = serving ? "True" : "False";
    status.setConditions(
        conditions(
            previous,
            List.of(
                new Condition(
                    PREDICTOR_READY, "False", failure.conditionReason(), failure.message()),
                new Condition(
                    INGRESS_READY,
                    ingress,
                    serving ? null : failure.conditionReason(),
                    serving ? null : failure.message()),
                new Condition(READY, "False", failure.conditionReason(), failure.message()))));
    FailureInfo info =
        new FailureInfo(
            null,
            failure.reason(),
            failure.message(),
            revisions.latestCreated().orElse(null),
            clock.instant().toString(),
            null,
            Map.of());
    FailureInfo before =
        previous == null || previous.getModelStatus() == null
            ? null
            : previous.getModelStatus().lastFailureInfo();
    if (before != null
        && before.reason() == info.reason()
        && Objects.equals(before.message(), info.message())
        && Objects.equals(before.modelRevisionName(), info.modelRevisionName())) {
      info = before;
    }
    status.setModelStatus(
        new ModelStatus(
            failure.transition(),
            new ModelRevisionStates(
                serving ? ModelState.LOADED : ModelState.FAILED_TO_LOAD,
                ModelState.FAILED_TO_LOAD,
                Map.of()),
            info,
            null,
            Map.of()));
    return status;
  }

  private static InferenceServiceStatus base(
      Optional<InferenceServicePlan> plan, Revisions revisions, InferenceServiceStatus previous) {
    InferenceServiceStatus status = new InferenceServiceStatus();
    if (plan.isEmpty()) {
      if (previous != null) {
        status.setUrl(previous.getUrl());
        status.setAddress(previous.getAddress());
        status.setComponents(previous.getComponents());
        status.setDeploymentMode(previous.getDeploymentMode());
        status.setClusterServingRuntimeName(previous.getClusterServingRuntimeName());
        status.setServingRuntimeName(previous.getServingRuntimeName());
      }
      return status;
    }
    InferenceServicePlan p = plan.get();
    ComponentPlan predictor = p.predictor();
    status.setUrl(p.url());
    status.setAddress(new Addressable(p.url()));
    status.setDeploymentMode(p.deploymentMode().annotation());
    if (predictor.runtimeClusterScoped()) {
      status.setClusterServingRuntimeName(predictor.runtime());
    } else {
      status.setServingRuntimeName(predictor.runtime());
    }
    // Traffic goes to the latest revision that loaded, as Knative routes it; none when none did.
    List<TrafficTarget> traffic =
        revisions
            .latestReady()
            .map(r -> List.of(new TrafficTarget(null, r, null, true, 100L, null, Map.of())))
            .orElse(List.of());
    status.setComponents(
        Map.of(
            "predictor",
            new ComponentStatusSpec(
                revisions.latestReady().orElse(null),
                revisions.latestCreated().orElse(null),
                revisions.previousRolledout().orElse(null),
                revisions.latestReady().orElse(null),
                traffic,
                predictor.url(),
                null,
                null,
                new Addressable(predictor.url()),
                Map.of())));
    return status;
  }

  private List<Condition> conditions(InferenceServiceStatus previous, List<Condition> next) {
    List<Condition> out = new ArrayList<>();
    for (Condition c : next) {
      Optional<Condition> before =
          previous == null ? Optional.empty() : previous.condition(c.type());
      String time =
          before
              .filter(b -> b.status().equals(c.status()))
              .map(Condition::lastTransitionTime)
              .orElseGet(() -> clock.instant().toString());
      out.add(
          new Condition(
              c.type(), c.status(), c.severity(), time, c.reason(), c.message(), Map.of()));
    }
    return out;
  }
}
