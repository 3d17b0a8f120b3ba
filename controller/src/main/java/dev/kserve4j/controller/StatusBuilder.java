package dev.kserve4j.controller;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.api.knative.Condition;
import dev.kserve4j.api.knative.KnativeStatus;
import dev.kserve4j.api.v1beta1.FailureInfo;
import dev.kserve4j.api.v1beta1.FailureReason;
import dev.kserve4j.api.v1beta1.InferenceServiceStatus;
import dev.kserve4j.api.v1beta1.TransitionStatus;
import dev.kserve4j.plan.InferenceServicePlan;
import dev.kserve4j.plan.status.ComponentObservation;
import dev.kserve4j.plan.status.ConditionState;
import dev.kserve4j.plan.status.InferenceServiceStatusComputer;
import dev.kserve4j.plan.status.ModelFailure;
import dev.kserve4j.plan.status.Observed;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The InferenceService status of KServe's RawDeployment reconciler: {@code IngressReady}, one
 * condition per component ({@code PredictorReady}, {@code TransformerReady}, {@code
 * ExplainerReady}), {@code CanaryPredictorReady} when there are canaries, and {@code Ready} (the
 * conjunction of the component and ingress conditions: a failing canary receives no traffic, so it
 * does not make the InferenceService unready), the URL, the components' status, {@code
 * canaryStatuses} and {@code modelStatus}. A condition's {@code lastTransitionTime} changes only
 * when its status does (Knative's condition-set contract), so an unchanged outcome gives an equal
 * status.
 */
final class StatusBuilder {
  static final String PREDICTOR_READY = InferenceServiceStatusComputer.PREDICTOR_READY;
  static final String INGRESS_READY = InferenceServiceStatusComputer.INGRESS_READY;
  static final String READY = InferenceServiceStatusComputer.READY;
  static final String CANARY_PREDICTOR_READY =
      InferenceServiceStatusComputer.CANARY_PREDICTOR_READY;

  /** KServe's condition of each component. */
  static final Map<String, String> CONDITION_OF =
      Map.of(
          "predictor",
          PREDICTOR_READY,
          "transformer",
          "TransformerReady",
          "explainer",
          "ExplainerReady");

  /** A condition's outcome before its transition time is set. */
  record Outcome(boolean ready, String reason, String message) {
    static Outcome ok() {
      return new Outcome(true, null, null);
    }
  }

  private final InferenceServiceStatusComputer computer;

  StatusBuilder(Clock clock) {
    this.computer = new InferenceServiceStatusComputer(requireNonNull(clock, "clock"));
  }

  /**
   * The status of a planned and applied InferenceService ({@link
   * InferenceServiceStatusComputer#compute} in Standard form).
   *
   * @param components the health of each component, by {@code predictor}, {@code transformer},
   *     {@code explainer}
   * @param canaries the health of each {@code spec.canary[]} variant, by name
   */
  InferenceServiceStatus planned(
      InferenceServicePlan plan,
      Map<String, ComponentHealth> components,
      Map<String, ComponentHealth> canaries,
      Outcome ingress,
      Long generation,
      InferenceServiceStatus previous) {
    Map<String, ComponentObservation> observed = new LinkedHashMap<>();
    components.forEach((name, health) -> observed.put(name, observation(health)));
    Map<String, ComponentObservation> variants = new LinkedHashMap<>();
    canaries.forEach((name, health) -> variants.put(name, observation(health)));
    return computer.compute(
        plan,
        new Observed(observed, variants, state(ingress), Observed.AddressRule.PLANNED),
        generation,
        previous);
  }

  private static ComponentObservation observation(ComponentHealth health) {
    FailureInfo f = health.failure();
    return ComponentObservation.standard(
        state(health.outcome()),
        f == null
            ? null
            : new ModelFailure(
                TransitionStatus.BLOCKED_BY_FAILED_LOAD, f.reason(), f.message(), f.exitCode()),
        health.totalCopies(),
        health.failedCopies());
  }

  private static ConditionState state(Outcome outcome) {
    return ConditionState.of(outcome.ready(), outcome.reason(), outcome.message());
  }

  /**
   * The status of an InferenceService that cannot be planned: every condition False with {@code
   * conditionReason}, and {@code lastFailureInfo} with KServe's {@code reason}; the URL and
   * components stay as they were.
   */
  InferenceServiceStatus failed(
      FailureReason reason,
      String conditionReason,
      String message,
      Long generation,
      InferenceServiceStatus previous) {
    return computer.unplanned(
        conditionReason,
        message,
        new ModelFailure(TransitionStatus.INVALID_SPEC, reason, message, null),
        false,
        null,
        generation,
        previous);
  }

  /**
   * A condition of {@code type}, keeping the previous transition time when its status is unchanged.
   */
  Condition condition(KnativeStatus previous, String type, Outcome outcome) {
    return computer.condition(previous, type, state(outcome));
  }

  /**
   * A condition of {@code type} with {@code status} ({@code True}, {@code False} or {@code
   * Unknown}), keeping the previous transition time while its status is unchanged.
   */
  Condition condition(
      KnativeStatus previous, String type, String status, String reason, String message) {
    return computer.condition(previous, type, new ConditionState(status, reason, message));
  }
}
