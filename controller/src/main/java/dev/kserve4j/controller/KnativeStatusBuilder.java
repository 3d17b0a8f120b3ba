package dev.kserve4j.controller;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.kserve4j.api.knative.Addressable;
import dev.kserve4j.api.knative.Condition;
import dev.kserve4j.api.v1beta1.ComponentStatusSpec;
import dev.kserve4j.api.v1beta1.FailureInfo;
import dev.kserve4j.api.v1beta1.FailureReason;
import dev.kserve4j.api.v1beta1.InferenceServiceStatus;
import dev.kserve4j.api.v1beta1.ModelRevisionStates;
import dev.kserve4j.api.v1beta1.ModelState;
import dev.kserve4j.api.v1beta1.ModelStatus;
import dev.kserve4j.api.v1beta1.TrafficTarget;
import dev.kserve4j.api.v1beta1.TransitionStatus;
import dev.kserve4j.plan.ComponentPlan;
import dev.kserve4j.plan.InferenceServicePlan;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The status of a Knative-mode InferenceService, from its components' stored Knative Services, as
 * KServe's {@code PropagateStatus}, {@code PropagateCrossComponentStatus}, Istio ingress reconciler
 * and {@code PropagateModelStatus} compute it.
 *
 * <ul>
 *   <li>Per component: revisions, traffic, URL and address (the last two once the Knative Service
 *       is Ready). When the latest ready revision receives 100% of the traffic it becomes {@code
 *       latestRolledoutRevision} and the former one {@code previousRolledoutRevision}; when the
 *       latest revision is rolled back (its share below 100% while the same revision gets 100%
 *       through the {@code prev} tag), the previous rolled-out revision is restored.
 *   <li>Conditions: {@code <Component>Ready}, {@code <Component>RouteReady} (the explainer's {@code
 *       ExplainerRoutesReady}) and {@code <Component>ConfigurationReady} copy the Knative Service's
 *       {@code Ready}, {@code RoutesReady} and {@code ConfigurationsReady}; {@code RoutesReady} and
 *       {@code LatestDeploymentReady} join them across components; {@code IngressReady} waits for
 *       every component; {@code Ready} is False with the first failing component's reason and
 *       message, else Unknown, else follows {@code IngressReady}.
 *   <li>{@code url} and {@code address} are the InferenceService's once the ingress is ready.
 * </ul>
 *
 * A condition's {@code lastTransitionTime} changes only with its status, so an unchanged outcome
 * gives an equal status.
 */
final class KnativeStatusBuilder {
  static final String INGRESS_READY = StatusBuilder.INGRESS_READY;
  static final String READY = StatusBuilder.READY;
  static final String ROUTES_READY = "RoutesReady";
  static final String LATEST_DEPLOYMENT_READY = "LatestDeploymentReady";
  private static final String UNKNOWN = "Unknown";

  /** A Knative Service's status, as Knative writes it; unknown fields are ignored. */
  record KsvcStatus(
      List<Condition> conditions,
      String latestCreatedRevisionName,
      String latestReadyRevisionName,
      String url,
      Addressable address,
      List<TrafficTarget> traffic) {
    Optional<Condition> condition(String type) {
      return conditions == null
          ? Optional.empty()
          : conditions.stream().filter(c -> type.equals(c.type())).findFirst();
    }
  }

  /** A condition's status ({@code True}, {@code False}, {@code Unknown}), reason and message. */
  private record State(String status, String reason, String message) {
    static final State TRUE = new State("True", null, null);

    static State of(Condition c) {
      return new State(c.status(), c.reason(), c.message());
    }

    boolean isTrue() {
      return "True".equals(status);
    }
  }

  private final StatusBuilder conditions;
  private final Clock clock;
  private final RenderConfig.Routing routing;
  private final ObjectMapper json =
      JsonMapper.builder()
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
          .build();

  KnativeStatusBuilder(Clock clock, RenderConfig.Routing routing) {
    this.clock = requireNonNull(clock, "clock");
    this.conditions = new StatusBuilder(clock);
    this.routing = requireNonNull(routing, "routing");
  }

  /** The status of a Knative Service as stored; empty when it has none yet. */
  Optional<KsvcStatus> ksvcStatus(GenericKubernetesResource ksvc) {
    Object status = ksvc == null ? null : ksvc.getAdditionalProperties().get("status");
    return status == null
        ? Optional.empty()
        : Optional.of(json.convertValue(status, KsvcStatus.class));
  }

  /**
   * The InferenceService's status.
   *
   * @param services per component name ({@code predictor}, ...), its stored Knative Service's
   *     status
   */
  InferenceServiceStatus status(
      InferenceServicePlan plan,
      Map<String, Optional<KsvcStatus>> services,
      Long generation,
      InferenceServiceStatus previous) {
    Map<String, ComponentStatusSpec> before =
        previous == null || previous.getComponents() == null ? Map.of() : previous.getComponents();
    Map<String, ComponentStatusSpec> components = new LinkedHashMap<>();
    Map<String, State> states = new LinkedHashMap<>();
    List<ComponentPlan> planned = plan.components();
    for (ComponentPlan c : planned) {
      Optional<KsvcStatus> ksvc = services.getOrDefault(c.component(), Optional.empty());
      components.put(c.component(), propagate(before.get(c.component()), ksvc.orElse(null)));
      String name = capitalized(c.component());
      states.put(name + "Ready", state(ksvc, "Ready").orElse(new State(UNKNOWN, null, null)));
      state(ksvc, "RoutesReady").ifPresent(s -> states.put(routeType(c), s));
      state(ksvc, "ConfigurationsReady").ifPresent(s -> states.put(name + "ConfigurationReady", s));
    }
    states.put(
        ROUTES_READY,
        across(planned.stream().map(KnativeStatusBuilder::routeType).toList(), states));
    states.put(
        LATEST_DEPLOYMENT_READY,
        across(
            planned.stream().map(c -> capitalized(c.component()) + "ConfigurationReady").toList(),
            states));
    State ingress = ingress(planned, states);
    states.put(INGRESS_READY, ingress);
    List<String> readiness =
        new ArrayList<>(planned.stream().map(c -> capitalized(c.component()) + "Ready").toList());
    readiness.add(INGRESS_READY);
    states.put(READY, ready(readiness, states));

    InferenceServiceStatus status = new InferenceServiceStatus();
    status.setObservedGeneration(generation);
    status.setDeploymentMode(plan.deploymentMode().annotation());
    String runtime = plan.predictor().runtime();
    status.setClusterServingRuntimeName(plan.predictor().runtimeClusterScoped() ? runtime : null);
    status.setServingRuntimeName(plan.predictor().runtimeClusterScoped() ? null : runtime);
    status.setComponents(components);
    setAddress(
        status, plan, components.get(plan.predictEntry().component()), ingress.isTrue(), previous);
    List<Condition> out = new ArrayList<>();
    states.forEach((type, s) -> out.add(condition(previous, type, s)));
    out.sort(Comparator.comparing(Condition::type));
    status.setConditions(out);
    status.setModelStatus(
        modelStatus(
            services.getOrDefault("predictor", Optional.empty()).orElse(null),
            states.get(READY).isTrue(),
            previous));
    return status;
  }

  /**
   * The status of an InferenceService whose Knative objects the cluster cannot take (KServe's
   * {@code ServerlessModeRejected}): every readiness condition False; URL and components kept.
   */
  InferenceServiceStatus rejected(
      InferenceServicePlan plan, String message, Long generation, InferenceServiceStatus previous) {
    InferenceServiceStatus status = new InferenceServiceStatus();
    status.setObservedGeneration(generation);
    status.setDeploymentMode(plan.deploymentMode().annotation());
    if (previous != null) {
      status.setUrl(previous.getUrl());
      status.setAddress(previous.getAddress());
      status.setComponents(previous.getComponents());
      status.setModelStatus(previous.getModelStatus());
    }
    State failure = new State("False", "ServerlessModeRejected", message);
    status.setConditions(
        List.of(
            condition(previous, INGRESS_READY, failure),
            condition(previous, "PredictorReady", failure),
            condition(previous, READY, failure)));
    return status;
  }

  /**
   * KServe's {@code PropagateStatus} for one component; {@code ksvc} null while Knative has not
   * reported.
   */
  static ComponentStatusSpec propagate(ComponentStatusSpec before, KsvcStatus ksvc) {
    if (ksvc == null) {
      return before != null
          ? before
          : new ComponentStatusSpec(null, null, null, null, null, null, null, null, null, Map.of());
    }
    String latestRolledOut = before == null ? null : before.latestRolledoutRevision();
    String previousRolledOut = before == null ? null : before.previousRolledoutRevision();
    String ready = ksvc.latestReadyRevisionName();
    List<TrafficTarget> traffic = ksvc.traffic() == null ? List.of() : ksvc.traffic();
    Map<String, Long> perRevision = new HashMap<>();
    traffic.stream()
        .filter(t -> t.percent() != null)
        .forEach(t -> perRevision.merge(t.revisionName(), t.percent(), Long::sum));
    for (TrafficTarget t : traffic) {
      if (ready == null
          || !ready.equals(t.revisionName())
          || !Boolean.TRUE.equals(t.latestRevision())) {
        continue;
      }
      if (!ready.equals(latestRolledOut)) {
        if (t.percent() != null && t.percent() == 100) {
          previousRolledOut = latestRolledOut;
          latestRolledOut = ready;
        }
      } else if (ready.equals(ksvc.latestCreatedRevisionName())
          && t.percent() != null
          && t.percent() < 100
          && perRevision.getOrDefault(t.revisionName(), 0L) == 100
          && previousRolledOut != null) {
        latestRolledOut = previousRolledOut; // rolled back: the prev tag carries the whole share
      }
    }
    boolean serviceReady = ksvc.condition("Ready").map(Condition::isTrue).orElse(false);
    String url =
        serviceReady && ksvc.url() != null ? ksvc.url() : before == null ? null : before.url();
    Addressable address =
        serviceReady && ksvc.address() != null
            ? ksvc.address()
            : before == null ? null : before.address();
    return new ComponentStatusSpec(
        ready,
        ksvc.latestCreatedRevisionName(),
        previousRolledOut,
        latestRolledOut,
        ksvc.traffic(),
        url,
        before == null ? null : before.restUrl(),
        before == null ? null : before.grpcUrl(),
        address,
        Map.of());
  }

  private static Optional<State> state(Optional<KsvcStatus> ksvc, String type) {
    return ksvc.flatMap(k -> k.condition(type)).map(State::of);
  }

  /** KServe's {@code PropagateCrossComponentStatus}: True when every component's condition is. */
  private static State across(List<String> types, Map<String, State> states) {
    State out = State.TRUE;
    for (String type : types) {
      State s = states.get(type);
      if (s == null || !s.isTrue()) {
        out =
            new State(
                s == null || UNKNOWN.equals(s.status()) ? UNKNOWN : "False",
                type + " not ready",
                null);
      }
    }
    return out;
  }

  /** KServe's ingress: not created until every component is ready. */
  private static State ingress(List<ComponentPlan> components, Map<String, State> states) {
    for (ComponentPlan c : components) {
      State s = states.get(capitalized(c.component()) + "Ready");
      if (!s.isTrue()) {
        return new State(
            UNKNOWN.equals(s.status()) ? UNKNOWN : "False",
            capitalized(c.component()) + " ingress not created",
            null);
      }
    }
    return State.TRUE;
  }

  /** The first False condition, else the first Unknown one, else True. */
  private static State ready(List<String> types, Map<String, State> states) {
    return types.stream()
        .map(states::get)
        .filter(s -> "False".equals(s.status()))
        .findFirst()
        .or(() -> types.stream().map(states::get).filter(s -> !s.isTrue()).findFirst())
        .orElse(State.TRUE);
  }

  /**
   * With Ingress routing the InferenceService's URL and its cluster-local host (the ExternalName
   * Service); with Gateway API its URL and the entry component's address; without a route, the
   * entry component's. Kept as they were until the ingress is ready.
   */
  private void setAddress(
      InferenceServiceStatus status,
      InferenceServicePlan plan,
      ComponentStatusSpec entry,
      boolean ingressReady,
      InferenceServiceStatus previous) {
    if (!ingressReady) {
      status.setUrl(previous == null ? null : previous.getUrl());
      status.setAddress(previous == null ? null : previous.getAddress());
      return;
    }
    switch (routing) {
      case INGRESS -> {
        status.setUrl(plan.url());
        status.setAddress(
            new Addressable(
                "http://" + KnativeRouteRenderer.localHost(plan.name(), plan.namespace())));
      }
      case GATEWAY_API -> {
        status.setUrl(plan.url());
        status.setAddress(entry.address());
      }
      case NONE -> {
        status.setUrl(entry.url());
        status.setAddress(entry.address());
      }
    }
  }

  /**
   * KServe's {@code PropagateModelStatus} without pods: Loaded once the InferenceService is ready
   * and the latest created revision is the ready one; FailedToLoad when a condition of the
   * predictor's Knative Service is False; Pending otherwise. The active state stays what was last
   * loaded.
   */
  private ModelStatus modelStatus(
      KsvcStatus predictor, boolean ready, InferenceServiceStatus previous) {
    ModelStatus before = previous == null ? null : previous.getModelStatus();
    ModelState active =
        before == null
                || before.states() == null
                || before.states().activeModelState() == null
                || before.states().activeModelState() == ModelState.UNSET
            ? null
            : before.states().activeModelState();
    if (ready
        && predictor != null
        && Objects.equals(
            predictor.latestCreatedRevisionName(), predictor.latestReadyRevisionName())) {
      return new ModelStatus(
          TransitionStatus.UP_TO_DATE,
          new ModelRevisionStates(ModelState.LOADED, ModelState.LOADED, Map.of()),
          null,
          null,
          Map.of());
    }
    Optional<Condition> failed =
        predictor == null || predictor.conditions() == null
            ? Optional.empty()
            : predictor.conditions().stream().filter(c -> "False".equals(c.status())).findFirst();
    if (failed.isEmpty()) {
      return new ModelStatus(
          TransitionStatus.IN_PROGRESS,
          new ModelRevisionStates(
              active == null ? ModelState.PENDING : active, ModelState.PENDING, Map.of()),
          null,
          null,
          Map.of());
    }
    String message =
        predictor.condition("Ready").map(Condition::message).orElse(failed.get().message());
    String revision = predictor.latestCreatedRevisionName();
    FailureInfo last = before == null ? null : before.lastFailureInfo();
    FailureInfo info =
        last != null
                && last.reason() == FailureReason.MODEL_LOAD_FAILED
                && Objects.equals(last.message(), message)
                && Objects.equals(last.modelRevisionName(), revision)
            ? last
            : new FailureInfo(
                null,
                FailureReason.MODEL_LOAD_FAILED,
                message,
                revision,
                clock.instant().toString(),
                null,
                Map.of());
    return new ModelStatus(
        TransitionStatus.BLOCKED_BY_FAILED_LOAD,
        new ModelRevisionStates(
            active == null ? ModelState.FAILED_TO_LOAD : active,
            ModelState.FAILED_TO_LOAD,
            Map.of()),
        info,
        null,
        Map.of());
  }

  /** A condition keeping its previous transition time while its status is unchanged. */
  private Condition condition(InferenceServiceStatus previous, String type, State s) {
    return conditions.condition(previous, type, s.status(), s.reason(), s.message());
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
