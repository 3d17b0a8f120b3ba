package dev.kserve4j.controller;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.api.knative.Addressable;
import dev.kserve4j.api.knative.Condition;
import dev.kserve4j.api.v1beta1.ComponentStatusSpec;
import dev.kserve4j.api.v1beta1.FailureInfo;
import dev.kserve4j.api.v1beta1.FailureReason;
import dev.kserve4j.api.v1beta1.InferenceServiceStatus;
import dev.kserve4j.api.v1beta1.ModelRevisionStates;
import dev.kserve4j.api.v1beta1.ModelState;
import dev.kserve4j.api.v1beta1.ModelStatus;
import dev.kserve4j.api.v1beta1.TransitionStatus;
import dev.kserve4j.plan.InferenceServicePlan;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The InferenceService status of KServe's RawDeployment reconciler: {@code PredictorReady},
 * {@code IngressReady} and {@code Ready} (the conjunction of the two), the URL, the predictor's
 * component status and {@code modelStatus}. A condition's {@code lastTransitionTime} changes only
 * when its status does (Knative's condition-set contract), so an unchanged outcome gives an equal status.
 */
final class StatusBuilder {
  static final String PREDICTOR_READY = "PredictorReady";
  static final String INGRESS_READY = "IngressReady";
  static final String READY = "Ready";

  /** A condition's outcome before its transition time is set. */
  record Outcome(boolean ready, String reason, String message) {
    static Outcome ok() {
      return new Outcome(true, null, null);
    }
  }

  private final Clock clock;

  StatusBuilder(Clock clock) {
    this.clock = requireNonNull(clock, "clock");
  }

  /** The status of a planned and applied InferenceService. */
  InferenceServiceStatus planned(InferenceServicePlan plan, Outcome predictor, Outcome ingress, Long generation,
      InferenceServiceStatus previous) {
    InferenceServiceStatus status = new InferenceServiceStatus();
    status.setObservedGeneration(generation);
    status.setUrl(plan.url());
    status.setAddress(new Addressable(plan.url()));
    status.setDeploymentMode(plan.deploymentMode().annotation());
    if (plan.predictor().runtimeClusterScoped()) {
      status.setClusterServingRuntimeName(plan.predictor().runtime());
    } else {
      status.setServingRuntimeName(plan.predictor().runtime());
    }
    status.setComponents(Map.of("predictor", new ComponentStatusSpec(null, null, null, null, List.of(),
        plan.predictor().url(), null, null, new Addressable(plan.predictor().url()), Map.of())));
    Outcome ready = !predictor.ready() ? predictor : ingress;
    status.setConditions(conditions(previous, predictor, ingress, ready));
    ModelState state = predictor.ready() ? ModelState.LOADED : ModelState.PENDING;
    status.setModelStatus(new ModelStatus(predictor.ready() ? TransitionStatus.UP_TO_DATE : TransitionStatus.IN_PROGRESS,
        new ModelRevisionStates(state, state, Map.of()), null, null, Map.of()));
    return status;
  }

  /**
   * The status of an InferenceService that cannot be planned: every condition False with
   * {@code conditionReason}, and {@code lastFailureInfo} with KServe's {@code reason}; the URL and
   * components stay as they were.
   */
  InferenceServiceStatus failed(FailureReason reason, String conditionReason, String message, Long generation,
      InferenceServiceStatus previous) {
    InferenceServiceStatus status = new InferenceServiceStatus();
    status.setObservedGeneration(generation);
    if (previous != null) {
      status.setUrl(previous.getUrl());
      status.setAddress(previous.getAddress());
      status.setComponents(previous.getComponents());
    }
    Outcome failure = new Outcome(false, conditionReason, message);
    status.setConditions(conditions(previous, failure, failure, failure));
    FailureInfo before = previous == null || previous.getModelStatus() == null
        ? null : previous.getModelStatus().lastFailureInfo();
    FailureInfo info = before != null && before.reason() == reason && Objects.equals(before.message(), message)
        ? before : new FailureInfo(null, reason, message, null, clock.instant().toString(), null, Map.of());
    status.setModelStatus(new ModelStatus(TransitionStatus.INVALID_SPEC,
        new ModelRevisionStates(ModelState.FAILED_TO_LOAD, ModelState.FAILED_TO_LOAD, Map.of()), info, null, Map.of()));
    return status;
  }

  private List<Condition> conditions(InferenceServiceStatus previous, Outcome predictor, Outcome ingress, Outcome ready) {
    List<Condition> out = new ArrayList<>();
    out.add(condition(previous, INGRESS_READY, ingress));
    out.add(condition(previous, PREDICTOR_READY, predictor));
    out.add(condition(previous, READY, ready));
    return out;
  }

  /** A condition of {@code type}, keeping the previous transition time when its status is unchanged. */
  Condition condition(InferenceServiceStatus previous, String type, Outcome outcome) {
    String status = outcome.ready() ? "True" : "False";
    Optional<Condition> before = previous == null ? Optional.empty() : previous.condition(type);
    String time = before.filter(b -> status.equals(b.status())).map(Condition::lastTransitionTime)
        .orElseGet(() -> clock.instant().toString());
    return new Condition(type, status, null, time, outcome.reason(), outcome.message(), Map.of());
  }
}
