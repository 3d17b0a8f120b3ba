package dev.kserve4j.controller;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.api.knative.Addressable;
import dev.kserve4j.api.knative.Condition;
import dev.kserve4j.api.knative.KnativeStatus;
import dev.kserve4j.api.v1beta1.CanaryStatus;
import dev.kserve4j.api.v1beta1.ComponentStatusSpec;
import dev.kserve4j.api.v1beta1.FailureInfo;
import dev.kserve4j.api.v1beta1.FailureReason;
import dev.kserve4j.api.v1beta1.InferenceServiceStatus;
import dev.kserve4j.api.v1beta1.ModelCopies;
import dev.kserve4j.api.v1beta1.ModelRevisionStates;
import dev.kserve4j.api.v1beta1.ModelState;
import dev.kserve4j.api.v1beta1.ModelStatus;
import dev.kserve4j.api.v1beta1.TransitionStatus;
import dev.kserve4j.plan.ComponentPlan;
import dev.kserve4j.plan.InferenceServicePlan;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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
  static final String PREDICTOR_READY = "PredictorReady";
  static final String INGRESS_READY = "IngressReady";
  static final String READY = "Ready";
  static final String CANARY_PREDICTOR_READY = "CanaryPredictorReady";

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

  private final Clock clock;

  StatusBuilder(Clock clock) {
    this.clock = requireNonNull(clock, "clock");
  }

  /**
   * The status of a planned and applied InferenceService.
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
    Map<String, ComponentStatusSpec> componentStatus = new LinkedHashMap<>();
    for (ComponentPlan c : plan.components()) {
      componentStatus.put(
          c.component(),
          new ComponentStatusSpec(
              null,
              null,
              null,
              null,
              List.of(),
              c.url(),
              null,
              null,
              new Addressable(c.url()),
              Map.of()));
    }
    status.setComponents(componentStatus);
    List<Condition> conditions = new ArrayList<>();
    conditions.add(condition(previous, INGRESS_READY, ingress));
    Outcome ready = null;
    for (ComponentPlan c : plan.components()) {
      Outcome outcome = components.get(c.component()).outcome();
      conditions.add(condition(previous, CONDITION_OF.get(c.component()), outcome));
      ready = ready == null && !outcome.ready() ? outcome : ready;
    }
    if (!plan.canaries().isEmpty()) {
      Outcome canary =
          canaries.entrySet().stream()
              .filter(e -> !e.getValue().ready())
              .map(
                  e ->
                      new Outcome(
                          false,
                          e.getValue().outcome().reason(),
                          "canary '" + e.getKey() + "': " + e.getValue().outcome().message()))
              .findFirst()
              .orElse(Outcome.ok());
      conditions.add(condition(previous, CANARY_PREDICTOR_READY, canary));
      status.setCanaryStatuses(
          plan.canaries().stream()
              .map(
                  c -> {
                    ComponentHealth health = canaries.get(c.name());
                    return new CanaryStatus(
                        c.name(),
                        health.ready(),
                        health.ready() ? c.trafficPercent() : 0,
                        modelStatus(health, previousCanaryFailure(previous, c.name())),
                        Map.of());
                  })
              .toList());
    }
    conditions.add(condition(previous, READY, ready == null ? ingress : ready));
    status.setConditions(conditions);
    FailureInfo before =
        previous == null || previous.getModelStatus() == null
            ? null
            : previous.getModelStatus().lastFailureInfo();
    status.setModelStatus(modelStatus(components.get("predictor"), before));
    return status;
  }

  /**
   * KServe's model status of a serving component: Loaded when ready; FailedToLoad with {@code
   * lastFailureInfo} when a pod failed (its time kept while the failure is the same); else Pending.
   */
  private ModelStatus modelStatus(ComponentHealth health, FailureInfo before) {
    ModelCopies copies = new ModelCopies(health.failedCopies(), health.totalCopies(), Map.of());
    if (health.failure() != null) {
      FailureInfo f = health.failure();
      FailureInfo info =
          before != null
                  && before.reason() == f.reason()
                  && Objects.equals(before.message(), f.message())
              ? before
              : new FailureInfo(
                  null,
                  f.reason(),
                  f.message(),
                  null,
                  clock.instant().toString(),
                  f.exitCode(),
                  Map.of());
      return new ModelStatus(
          TransitionStatus.BLOCKED_BY_FAILED_LOAD,
          new ModelRevisionStates(ModelState.FAILED_TO_LOAD, ModelState.FAILED_TO_LOAD, Map.of()),
          info,
          copies,
          Map.of());
    }
    ModelState state = health.ready() ? ModelState.LOADED : ModelState.PENDING;
    return new ModelStatus(
        health.ready() ? TransitionStatus.UP_TO_DATE : TransitionStatus.IN_PROGRESS,
        new ModelRevisionStates(state, state, Map.of()),
        null,
        copies,
        Map.of());
  }

  private static FailureInfo previousCanaryFailure(InferenceServiceStatus previous, String name) {
    if (previous == null || previous.getCanaryStatuses() == null) {
      return null;
    }
    return previous.getCanaryStatuses().stream()
        .filter(c -> name.equals(c.name()) && c.modelStatus() != null)
        .map(c -> c.modelStatus().lastFailureInfo())
        .filter(Objects::nonNull)
        .findFirst()
        .orElse(null);
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
    InferenceServiceStatus status = new InferenceServiceStatus();
    status.setObservedGeneration(generation);
    if (previous != null) {
      status.setUrl(previous.getUrl());
      status.setAddress(previous.getAddress());
      status.setComponents(previous.getComponents());
    }
    Outcome failure = new Outcome(false, conditionReason, message);
    status.setConditions(conditions(previous, failure, failure, failure));
    FailureInfo before =
        previous == null || previous.getModelStatus() == null
            ? null
            : previous.getModelStatus().lastFailureInfo();
    FailureInfo info =
        before != null && before.reason() == reason && Objects.equals(before.message(), message)
            ? before
            : new FailureInfo(
                null, reason, message, null, clock.instant().toString(), null, Map.of());
    status.setModelStatus(
        new ModelStatus(
            TransitionStatus.INVALID_SPEC,
            new ModelRevisionStates(ModelState.FAILED_TO_LOAD, ModelState.FAILED_TO_LOAD, Map.of()),
            info,
            null,
            Map.of()));
    return status;
  }

  private List<Condition> conditions(
      InferenceServiceStatus previous, Outcome predictor, Outcome ingress, Outcome ready) {
    List<Condition> out = new ArrayList<>();
    out.add(condition(previous, INGRESS_READY, ingress));
    out.add(condition(previous, PREDICTOR_READY, predictor));
    out.add(condition(previous, READY, ready));
    return out;
  }

  /**
   * A condition of {@code type}, keeping the previous transition time when its status is unchanged.
   */
  Condition condition(KnativeStatus previous, String type, Outcome outcome) {
    return condition(
        previous, type, outcome.ready() ? "True" : "False", outcome.reason(), outcome.message());
  }

  /**
   * A condition of {@code type} with {@code status} ({@code True}, {@code False} or {@code
   * Unknown}), keeping the previous transition time while its status is unchanged.
   */
  Condition condition(
      KnativeStatus previous, String type, String status, String reason, String message) {
    Optional<Condition> before = previous == null ? Optional.empty() : previous.condition(type);
    String time =
        before
            .filter(b -> status.equals(b.status()))
            .map(Condition::lastTransitionTime)
            .orElseGet(() -> clock.instant().toString());
    return new Condition(type, status, null, time, reason, message, Map.of());
  }
}
