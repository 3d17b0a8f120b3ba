package dev.kserve4j.controller;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.kserve4j.api.knative.Addressable;
import dev.kserve4j.api.knative.Condition;
import dev.kserve4j.api.v1beta1.InferenceServiceStatus;
import dev.kserve4j.api.v1beta1.TrafficTarget;
import dev.kserve4j.plan.InferenceServicePlan;
import dev.kserve4j.plan.status.ComponentObservation;
import dev.kserve4j.plan.status.ConditionState;
import dev.kserve4j.plan.status.InferenceServiceStatusComputer;
import dev.kserve4j.plan.status.ModelFailure;
import dev.kserve4j.plan.status.Observed;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The status of a Knative-mode InferenceService, from its components' stored Knative Services, as
 * KServe's {@code PropagateStatus}, {@code PropagateCrossComponentStatus}, Istio ingress reconciler
 * and {@code PropagateModelStatus} compute it.
 *
 * <p>The computation is {@link InferenceServiceStatusComputer}'s; this reads the stored Knative
 * Services into what it observes.
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
  static final String INGRESS_READY = InferenceServiceStatusComputer.INGRESS_READY;
  static final String READY = InferenceServiceStatusComputer.READY;
  static final String ROUTES_READY = InferenceServiceStatusComputer.ROUTES_READY;
  static final String LATEST_DEPLOYMENT_READY =
      InferenceServiceStatusComputer.LATEST_DEPLOYMENT_READY;

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

    /** What the InferenceService's status reads of it. */
    ComponentObservation observation() {
      ConditionState ready =
          condition("Ready").map(ConditionState::of).orElse(ConditionState.UNKNOWN);
      Optional<Condition> failed =
          conditions == null
              ? Optional.empty()
              : conditions.stream().filter(c -> "False".equals(c.status())).findFirst();
      ModelFailure failure =
          failed
              .map(
                  f ->
                      ModelFailure.loadFailed(
                          condition("Ready").map(Condition::message).orElse(f.message()), null))
              .orElse(null);
      return new ComponentObservation(
          ready,
          condition("RoutesReady").map(ConditionState::of).orElse(null),
          condition("ConfigurationsReady").map(ConditionState::of).orElse(null),
          latestCreatedRevisionName,
          latestReadyRevisionName,
          traffic,
          url,
          address,
          failure,
          null,
          null);
    }
  }

  private final InferenceServiceStatusComputer computer;
  private final RenderConfig.Routing routing;
  private final ObjectMapper json =
      JsonMapper.builder()
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
          .build();

  KnativeStatusBuilder(Clock clock, RenderConfig.Routing routing) {
    this.computer = new InferenceServiceStatusComputer(requireNonNull(clock, "clock"));
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
   * The InferenceService's status ({@link InferenceServiceStatusComputer#compute} in Knative form).
   *
   * @param services per component name ({@code predictor}, ...), its stored Knative Service's
   *     status
   */
  InferenceServiceStatus status(
      InferenceServicePlan plan,
      Map<String, Optional<KsvcStatus>> services,
      Long generation,
      InferenceServiceStatus previous) {
    Map<String, ComponentObservation> observed = new LinkedHashMap<>();
    services.forEach((c, ksvc) -> ksvc.ifPresent(k -> observed.put(c, k.observation())));
    return computer.compute(
        plan,
        new Observed(observed, Map.of(), ConditionState.UNKNOWN, addressRule(plan)),
        generation,
        previous);
  }

  /**
   * The status of an InferenceService whose Knative objects the cluster cannot take (KServe's
   * {@code ServerlessModeRejected}): every readiness condition False; URL and components kept.
   */
  InferenceServiceStatus rejected(
      InferenceServicePlan plan, String message, Long generation, InferenceServiceStatus previous) {
    return computer.unplanned(
        "ServerlessModeRejected",
        message,
        null,
        false,
        plan.deploymentMode().annotation(),
        generation,
        previous);
  }

  /**
   * With Ingress routing the InferenceService's URL and its cluster-local host (the ExternalName
   * Service); with Gateway API its URL and the entry component's address; without a route, the
   * entry component's.
   */
  private Observed.AddressRule addressRule(InferenceServicePlan plan) {
    return switch (routing) {
      case INGRESS ->
          (url, entry) ->
              new Observed.Address(
                  url,
                  new Addressable(
                      "http://" + KnativeRouteRenderer.localHost(plan.name(), plan.namespace())));
      case GATEWAY_API -> (url, entry) -> new Observed.Address(url, entry.address());
      case NONE -> (url, entry) -> new Observed.Address(entry.url(), entry.address());
    };
  }
}
