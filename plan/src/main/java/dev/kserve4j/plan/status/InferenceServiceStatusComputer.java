package dev.kserve4j.plan.status;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.api.knative.Addressable;
import dev.kserve4j.api.knative.Condition;
import dev.kserve4j.api.knative.KnativeStatus;
import dev.kserve4j.api.v1beta1.CanaryStatus;
import dev.kserve4j.api.v1beta1.ComponentStatusSpec;
import dev.kserve4j.api.v1beta1.FailureInfo;
import dev.kserve4j.api.v1beta1.InferenceServiceStatus;
import dev.kserve4j.api.v1beta1.ModelCopies;
import dev.kserve4j.api.v1beta1.ModelRevisionStates;
import dev.kserve4j.api.v1beta1.ModelState;
import dev.kserve4j.api.v1beta1.ModelStatus;
import dev.kserve4j.api.v1beta1.TransitionStatus;
import dev.kserve4j.plan.CanaryPlan;
import dev.kserve4j.plan.ComponentPlan;
import dev.kserve4j.plan.DeploymentMode;
import dev.kserve4j.plan.InferenceServicePlan;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * KServe's InferenceService status from a plan and what a host observed: the one computation of
 * both hosts (the embedded control plane and the operator).
 *
 * <p>Knative form (KServe's {@code PropagateStatus}, {@code PropagateCrossComponentStatus}, ingress
 * reconciler and {@code PropagateModelStatus}): per component revisions, traffic ({@link
 * RolloutPropagation}), URL and address; conditions {@code <Component>Ready}, {@code
 * <Component>RouteReady} ({@code ExplainerRoutesReady}), {@code <Component>ConfigurationReady},
 * {@code RoutesReady} and {@code LatestDeploymentReady} across components, {@code IngressReady}
 * (not created until every component is ready) and {@code Ready}, sorted by type.
 *
 * <p>Standard form (KServe's RawDeployment reconciler): {@code IngressReady}, one condition per
 * component, {@code CanaryPredictorReady} with {@code canaryStatuses} when there are canaries (a
 * failing canary receives no traffic, so it does not make the InferenceService unready), and {@code
 * Ready}. As KServe's predictor reconciler writes them, {@code CanaryPredictorReady} is True with
 * reason {@code AllCanariesReady} or False with {@code CanariesNotReady} (kserve4j adds a message
 * naming the first canary not ready and why), and each canary status carries its spec's {@code
 * trafficPercent}, ready or not (the routes give a canary that is not ready no share).
 *
 * <p>A condition's {@code lastTransitionTime} changes only with its status (Knative's condition-set
 * contract), and {@code lastFailureInfo} keeps its time while the failure is the same, so an
 * unchanged outcome gives an equal status.
 */
public final class InferenceServiceStatusComputer {
  public static final String PREDICTOR_READY = "PredictorReady";
  public static final String INGRESS_READY = "IngressReady";
  public static final String READY = "Ready";
  public static final String CANARY_PREDICTOR_READY = "CanaryPredictorReady";
  public static final String ROUTES_READY = "RoutesReady";
  public static final String LATEST_DEPLOYMENT_READY = "LatestDeploymentReady";
  private static final String UNKNOWN = "Unknown";
  private static final String CANARIES_NOT_READY = "CanariesNotReady";
  private static final ConditionState ALL_CANARIES_READY =
      new ConditionState("True", "AllCanariesReady", null);

  private final Clock clock;

  public InferenceServiceStatusComputer(Clock clock) {
    this.clock = requireNonNull(clock, "clock");
  }

  /** KServe's condition type of a component's readiness, e.g. {@code PredictorReady}. */
  public static String readyType(String component) {
    return capitalized(component) + "Ready";
  }

  /**
   * The status of a planned InferenceService, in the form of its deployment mode.
   *
   * @param generation the observed generation, or null
   * @param previous the status before, or null
   */
  public InferenceServiceStatus compute(
      InferenceServicePlan plan,
      Observed observed,
      Long generation,
      InferenceServiceStatus previous) {
    requireNonNull(plan, "plan");
    requireNonNull(observed, "observed");
    InferenceServiceStatus status = new InferenceServiceStatus();
    status.setObservedGeneration(generation);
    status.setDeploymentMode(plan.deploymentMode().annotation());
    String runtime = plan.predictor().runtime();
    status.setClusterServingRuntimeName(plan.predictor().runtimeClusterScoped() ? runtime : null);
    status.setServingRuntimeName(plan.predictor().runtimeClusterScoped() ? null : runtime);
    if (plan.deploymentMode() == DeploymentMode.KNATIVE) {
      knative(status, plan, observed, previous);
    } else {
      standard(status, plan, observed, previous);
    }
    return status;
  }

  private void knative(
      InferenceServiceStatus status,
      InferenceServicePlan plan,
      Observed observed,
      InferenceServiceStatus previous) {
    Map<String, ComponentStatusSpec> before =
        previous == null || previous.getComponents() == null ? Map.of() : previous.getComponents();
    Map<String, ComponentStatusSpec> components = new LinkedHashMap<>();
    Map<String, ConditionState> states = new LinkedHashMap<>();
    List<ComponentPlan> planned = plan.components();
    for (ComponentPlan c : planned) {
      ComponentObservation o = observed.components().get(c.component());
      components.put(c.component(), RolloutPropagation.propagate(before.get(c.component()), o));
      String name = capitalized(c.component());
      states.put(name + "Ready", o == null ? ConditionState.UNKNOWN : o.ready());
      if (o != null && o.routes() != null) {
        states.put(routeType(c), o.routes());
      }
      if (o != null && o.configuration() != null) {
        states.put(name + "ConfigurationReady", o.configuration());
      }
    }
    states.put(ROUTES_READY, across(planned.stream().map(c -> routeType(c)).toList(), states));
    states.put(
        LATEST_DEPLOYMENT_READY,
        across(
            planned.stream().map(c -> capitalized(c.component()) + "ConfigurationReady").toList(),
            states));
    ComponentStatusSpec entry = components.get(plan.predictEntry().component());
    ConditionState ingress =
        entry != null && entry.url() != null
            ? ConditionState.TRUE
            : knativeIngress(planned, states);
    states.put(INGRESS_READY, ingress);
    List<String> readiness =
        new ArrayList<>(planned.stream().map(c -> readyType(c.component())).toList());
    readiness.add(INGRESS_READY);
    states.put(READY, firstNotTrue(readiness, states));
    status.setComponents(components);
    if (ingress.isTrue()) {
      Observed.Address address =
          observed.address().of(plan.url(), components.get(plan.predictEntry().component()));
      status.setUrl(address.url());
      status.setAddress(address.address());
    } else {
      status.setUrl(previous == null ? null : previous.getUrl());
      status.setAddress(previous == null ? null : previous.getAddress());
    }
    List<Condition> out = new ArrayList<>();
    states.forEach((type, s) -> out.add(condition(previous, type, s)));
    out.sort(Comparator.comparing(Condition::type));
    status.setConditions(out);
    ComponentObservation predictor = observed.components().get("predictor");
    status.setModelStatus(
        knativeModelStatus(
            predictor,
            states.get(READY).isTrue(),
            previous == null ? null : previous.getModelStatus()));
  }

  private void standard(
      InferenceServiceStatus status,
      InferenceServicePlan plan,
      Observed observed,
      InferenceServiceStatus previous) {
    status.setUrl(plan.url());
    status.setAddress(new Addressable(plan.url()));
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
    conditions.add(condition(previous, INGRESS_READY, observed.ingress()));
    ConditionState ready = null;
    for (ComponentPlan c : plan.components()) {
      ComponentObservation o = observed.components().get(c.component());
      ConditionState outcome = o == null ? ConditionState.UNKNOWN : o.ready();
      conditions.add(condition(previous, readyType(c.component()), outcome));
      ready = ready == null && !outcome.isTrue() ? outcome : ready;
    }
    if (!plan.canaries().isEmpty()) {
      ConditionState canary = ALL_CANARIES_READY;
      List<CanaryStatus> canaryStatuses = new ArrayList<>();
      for (CanaryPlan c : plan.canaries()) {
        ComponentObservation o = observed.canaries().get(c.name());
        ConditionState state = o == null ? ConditionState.UNKNOWN : o.ready();
        if (!state.isTrue() && canary.isTrue()) {
          canary =
              ConditionState.failed(
                  CANARIES_NOT_READY, "canary '" + c.name() + "': " + notReadyDetail(state));
        }
        canaryStatuses.add(
            new CanaryStatus(
                c.name(),
                state.isTrue(),
                c.trafficPercent(),
                standardModelStatus(o, previousCanaryFailure(previous, c.name())),
                Map.of()));
      }
      conditions.add(condition(previous, CANARY_PREDICTOR_READY, canary));
      status.setCanaryStatuses(canaryStatuses);
    }
    conditions.add(condition(previous, READY, ready == null ? observed.ingress() : ready));
    status.setConditions(conditions);
    status.setModelStatus(
        standardModelStatus(observed.components().get("predictor"), lastFailure(previous)));
  }

  /**
   * The status of an InferenceService with no plan (rejected, no runtime) or whose objects cannot
   * be created: {@code IngressReady}, {@code PredictorReady} and {@code Ready} with {@code
   * conditionReason}; the URL, components and runtime stay as they were.
   *
   * @param failure the model's failure, or null to keep the previous model status
   * @param serving whether a revision still serves (its ingress stays ready)
   * @param deploymentMode the resolved mode's annotation, or null to keep the previous one
   */
  public InferenceServiceStatus unplanned(
      String conditionReason,
      String message,
      ModelFailure failure,
      boolean serving,
      String deploymentMode,
      Long generation,
      InferenceServiceStatus previous) {
    InferenceServiceStatus status = new InferenceServiceStatus();
    status.setObservedGeneration(generation);
    status.setDeploymentMode(
        deploymentMode != null
            ? deploymentMode
            : previous == null ? null : previous.getDeploymentMode());
    if (previous != null) {
      status.setUrl(previous.getUrl());
      status.setAddress(previous.getAddress());
      status.setComponents(previous.getComponents());
      status.setClusterServingRuntimeName(previous.getClusterServingRuntimeName());
      status.setServingRuntimeName(previous.getServingRuntimeName());
      status.setCanaryStatuses(previous.getCanaryStatuses());
      status.setModelStatus(previous.getModelStatus());
    }
    ConditionState failed = ConditionState.failed(conditionReason, message);
    status.setConditions(
        List.of(
            condition(previous, INGRESS_READY, serving ? ConditionState.TRUE : failed),
            condition(previous, PREDICTOR_READY, failed),
            condition(previous, READY, failed)));
    if (failure != null) {
      status.setModelStatus(
          new ModelStatus(
              failure.transition(),
              new ModelRevisionStates(
                  serving ? ModelState.LOADED : ModelState.FAILED_TO_LOAD,
                  ModelState.FAILED_TO_LOAD,
                  Map.of()),
              failureInfo(failure, null, lastFailure(previous)),
              null,
              Map.of()));
    }
    return status;
  }

  /**
   * KServe's {@code PropagateModelStatus} in Knative form: Loaded once the InferenceService is
   * ready and the latest created revision is the ready one; FailedToLoad when the predictor reports
   * a failure; Pending otherwise. The active state stays what was last loaded.
   */
  private ModelStatus knativeModelStatus(
      ComponentObservation predictor, boolean ready, ModelStatus before) {
    ModelState active =
        before == null
                || before.states() == null
                || before.states().activeModelState() == null
                || before.states().activeModelState() == ModelState.UNSET
            ? null
            : before.states().activeModelState();
    if (ready
        && predictor != null
        && Objects.equals(predictor.latestCreatedRevision(), predictor.latestReadyRevision())) {
      return new ModelStatus(
          TransitionStatus.UP_TO_DATE,
          new ModelRevisionStates(ModelState.LOADED, ModelState.LOADED, Map.of()),
          null,
          null,
          Map.of());
    }
    if (predictor == null || predictor.failure() == null) {
      return new ModelStatus(
          TransitionStatus.IN_PROGRESS,
          new ModelRevisionStates(
              active == null ? ModelState.PENDING : active, ModelState.PENDING, Map.of()),
          null,
          null,
          Map.of());
    }
    return new ModelStatus(
        predictor.failure().transition(),
        new ModelRevisionStates(
            active == null ? ModelState.FAILED_TO_LOAD : active,
            ModelState.FAILED_TO_LOAD,
            Map.of()),
        failureInfo(
            predictor.failure(),
            predictor.latestCreatedRevision(),
            before == null ? null : before.lastFailureInfo()),
        null,
        Map.of());
  }

  /**
   * KServe's model status of a Standard-form component: FailedToLoad with {@code lastFailureInfo}
   * when its model failed; Loaded when ready; else Pending.
   */
  private ModelStatus standardModelStatus(ComponentObservation o, FailureInfo before) {
    ModelCopies copies =
        o == null || o.totalCopies() == null
            ? null
            : new ModelCopies(o.failedCopies(), o.totalCopies(), Map.of());
    if (o != null && o.failure() != null) {
      return new ModelStatus(
          o.failure().transition(),
          new ModelRevisionStates(ModelState.FAILED_TO_LOAD, ModelState.FAILED_TO_LOAD, Map.of()),
          failureInfo(o.failure(), o.latestCreatedRevision(), before),
          copies,
          Map.of());
    }
    boolean ready = o != null && o.ready().isTrue();
    ModelState state = ready ? ModelState.LOADED : ModelState.PENDING;
    return new ModelStatus(
        ready ? TransitionStatus.UP_TO_DATE : TransitionStatus.IN_PROGRESS,
        new ModelRevisionStates(state, state, Map.of()),
        null,
        copies,
        Map.of());
  }

  /** The failure's info, keeping {@code before} (and its time) while the failure is the same. */
  private FailureInfo failureInfo(ModelFailure f, String revision, FailureInfo before) {
    if (before != null
        && before.reason() == f.reason()
        && Objects.equals(before.message(), f.message())
        && Objects.equals(before.modelRevisionName(), revision)) {
      return before;
    }
    return new FailureInfo(
        null,
        f.reason(),
        f.message(),
        revision,
        clock.instant().toString(),
        f.exitCode(),
        Map.of());
  }

  private static FailureInfo lastFailure(InferenceServiceStatus previous) {
    return previous == null || previous.getModelStatus() == null
        ? null
        : previous.getModelStatus().lastFailureInfo();
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

  /** Why a component is not ready: its message, else its reason. */
  private static String notReadyDetail(ConditionState state) {
    if (state.message() != null) {
      return state.message();
    }
    return state.reason() != null ? state.reason() : "not ready yet";
  }

  /** KServe's {@code PropagateCrossComponentStatus}: True when every component's condition is. */
  private static ConditionState across(List<String> types, Map<String, ConditionState> states) {
    ConditionState out = ConditionState.TRUE;
    for (String type : types) {
      ConditionState s = states.get(type);
      if (s == null || !s.isTrue()) {
        out =
            new ConditionState(
                s == null || UNKNOWN.equals(s.status()) ? UNKNOWN : "False",
                type + " not ready",
                null);
      }
    }
    return out;
  }

  /**
   * KServe's ingress in Knative form before the entry component (the transformer, else the
   * predictor) ever had a URL: not created until every component is ready. Once it has one,
   * KServe's ingress reconciler reports the ingress ready whatever the components' readiness (the
   * route keeps serving the revision that last was), so the caller does not ask.
   */
  private static ConditionState knativeIngress(
      List<ComponentPlan> components, Map<String, ConditionState> states) {
    for (ComponentPlan c : components) {
      ConditionState s = states.get(readyType(c.component()));
      if (!s.isTrue()) {
        return new ConditionState(
            UNKNOWN.equals(s.status()) ? UNKNOWN : "False",
            capitalized(c.component()) + " ingress not created",
            null);
      }
    }
    return ConditionState.TRUE;
  }

  /** The first False condition, else the first Unknown one, else True. */
  private static ConditionState firstNotTrue(
      List<String> types, Map<String, ConditionState> states) {
    return types.stream()
        .map(states::get)
        .filter(ConditionState::isFalse)
        .findFirst()
        .or(() -> types.stream().map(states::get).filter(s -> !s.isTrue()).findFirst())
        .orElse(ConditionState.TRUE);
  }

  /**
   * A condition of {@code type}, keeping the previous transition time while its status is
   * unchanged.
   */
  public Condition condition(KnativeStatus previous, String type, ConditionState state) {
    Optional<Condition> before = previous == null ? Optional.empty() : previous.condition(type);
    String time =
        before
            .filter(b -> state.status().equals(b.status()))
            .map(Condition::lastTransitionTime)
            .orElseGet(() -> clock.instant().toString());
    return new Condition(
        type, state.status(), null, time, state.reason(), state.message(), Map.of());
  }

  private static String routeType(ComponentPlan c) {
    return "explainer".equals(c.component())
        ? "ExplainerRoutesReady"
        : capitalized(c.component()) + "RouteReady";
  }

  private static String capitalized(String component) {
    return Character.toUpperCase(component.charAt(0)) + component.substring(1);
  }
}
