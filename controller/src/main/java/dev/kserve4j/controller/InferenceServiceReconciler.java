package dev.kserve4j.controller;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.api.v1alpha1.ClusterServingRuntime;
import dev.kserve4j.api.v1alpha1.ServingRuntime;
import dev.kserve4j.api.v1beta1.FailureReason;
import dev.kserve4j.api.v1beta1.InferenceService;
import dev.kserve4j.api.v1beta1.InferenceServiceStatus;
import dev.kserve4j.api.validation.FieldError;
import dev.kserve4j.plan.ComponentPlan;
import dev.kserve4j.plan.DeploymentMode;
import dev.kserve4j.plan.InferenceServicePlan;
import dev.kserve4j.plan.InferenceServicePlanner;
import dev.kserve4j.plan.PlanResult;
import dev.kserve4j.plan.RuntimeCandidate;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings one InferenceService to its desired state: plans it against the ServingRuntimes of its
 * namespace and the ClusterServingRuntimes, renders and applies the objects of its deployment mode
 * (Standard here, Knative through {@link KnativeReconciler}), deletes those no longer rendered, and
 * records the outcome in its status. Status is written only when it changes.
 */
public final class InferenceServiceReconciler {
  private static final Logger LOG = LoggerFactory.getLogger(InferenceServiceReconciler.class);

  private final KubernetesClient client;
  private final ControllerConfig config;
  private final StandardModeRenderer renderer;
  private final DesiredStateApplier applier;
  private final StatusBuilder statuses;
  private final KnativeReconciler knative;
  private final InferenceServicePlanner planner = new InferenceServicePlanner();
  private final ReadinessEvents events;

  public InferenceServiceReconciler(KubernetesClient client, ControllerConfig config, Clock clock) {
    this.client = requireNonNull(client, "client");
    this.config = requireNonNull(config, "config");
    this.renderer = new StandardModeRenderer(config.render());
    this.applier = new DesiredStateApplier(new ManagedKinds(client));
    this.statuses = new StatusBuilder(clock);
    this.events = new ReadinessEvents(client, clock);
    this.knative = new KnativeReconciler(client, config.render(), applier, clock);
  }

  /** Reconciles the stored InferenceService {@code namespace/name}; nothing when it is gone. */
  public void reconcile(String namespace, String name) {
    InferenceService isvc =
        client.resources(InferenceService.class).inNamespace(namespace).withName(name).get();
    if (isvc == null) {
      LOG.debug(
          "InferenceService {}/{}: gone, its objects are garbage-collected through owner"
              + " references",
          namespace,
          name);
      return;
    }
    reconcile(isvc);
  }

  /** Reconciles {@code isvc}, as stored (it needs its {@code metadata.uid}). */
  public void reconcile(InferenceService isvc) {
    String ns = isvc.getMetadata().getNamespace();
    String name = isvc.getMetadata().getName();
    Long generation = isvc.getMetadata().getGeneration();
    InferenceServiceStatus previous = isvc.getStatus();
    PlanResult result =
        planner.plan(isvc, namespacedRuntimes(ns), clusterRuntimes(), config.plan());
    InferenceServiceStatus next =
        switch (result) {
          case PlanResult.Rejected rejected -> {
            String message =
                rejected.errors().stream()
                    .map(FieldError::toString)
                    .collect(Collectors.joining("; "));
            LOG.warn("InferenceService {}/{}: invalid spec: {}", ns, name, message);
            yield statuses.failed(
                FailureReason.INVALID_PREDICTOR_SPEC, "InvalidSpec", message, generation, previous);
          }
          case PlanResult.NoRuntime none -> {
            LOG.warn(
                "InferenceService {}/{}: no supporting runtime: {}",
                ns,
                name,
                none.failure().detail());
            yield statuses.failed(
                FailureReason.NO_SUPPORTING_RUNTIME,
                none.failure().reason(),
                none.failure().message(),
                generation,
                previous);
          }
          case PlanResult.Planned planned
              when planned.plan().deploymentMode() == DeploymentMode.KNATIVE -> {
            try {
              yield knative.reconcile(isvc, planned.plan(), previous);
            } catch (IllegalArgumentException e) {
              yield notRendered(ns, name, e, generation, previous);
            }
          }
          case PlanResult.Planned planned
              when planned.plan().deploymentMode() != DeploymentMode.STANDARD -> {
            LOG.debug(
                "InferenceService {}/{}: {} mode is not reconciled here",
                ns,
                name,
                planned.plan().deploymentMode().annotation());
            yield null;
          }
          case PlanResult.Planned planned -> {
            try {
              yield applied(isvc, planned.plan(), previous);
            } catch (IllegalArgumentException e) {
              yield notRendered(ns, name, e, generation, previous);
            }
          }
        };
    if (next != null && !Objects.equals(next, previous)) {
      isvc.setStatus(next);
      client.resources(InferenceService.class).inNamespace(ns).resource(isvc).updateStatus();
      LOG.info("InferenceService {}/{}: status Ready={}", ns, name, next.isReady());
      events.recordChange(isvc, previous, next);
    }
  }

  /**
   * The status of a planned spec the renderer refuses (e.g. a batcher on a server that cannot take
   * it): not ready, {@code InvalidSpec} with the renderer's message.
   */
  private InferenceServiceStatus notRendered(
      String ns,
      String name,
      IllegalArgumentException e,
      Long generation,
      InferenceServiceStatus previous) {
    LOG.warn("InferenceService {}/{}: not rendered: {}", ns, name, e.getMessage());
    return statuses.failed(
        FailureReason.INVALID_PREDICTOR_SPEC, "InvalidSpec", e.getMessage(), generation, previous);
  }

  private InferenceServiceStatus applied(
      InferenceService isvc, InferenceServicePlan plan, InferenceServiceStatus previous) {
    String ns = plan.namespace();
    Map<String, ComponentHealth> canaries = new LinkedHashMap<>();
    plan.canaries().forEach(c -> canaries.put(c.name(), health(ns, c.predictor())));
    Set<String> readyCanaries =
        canaries.entrySet().stream()
            .filter(e -> e.getValue().ready())
            .map(Map.Entry::getKey)
            .collect(Collectors.toSet());
    DesiredStateApplier.Changes changes =
        applier.apply(
            ns,
            plan.name(),
            isvc.getMetadata().getUid(),
            renderer.render(isvc, plan, readyCanaries));
    if (!changes.written().isEmpty() || !changes.deleted().isEmpty()) {
      LOG.info(
          "InferenceService {}/{}: wrote {}, deleted {}",
          ns,
          plan.name(),
          changes.written(),
          changes.deleted());
    }
    Map<String, ComponentHealth> components = new LinkedHashMap<>();
    plan.components().forEach(c -> components.put(c.component(), health(ns, c)));
    components.forEach(
        (component, health) -> {
          if (health.failure() != null) {
            LOG.warn(
                "InferenceService {}/{}: {} failed: {}",
                ns,
                plan.name(),
                component,
                health.failure().message());
          }
        });
    return statuses.planned(
        plan,
        components,
        canaries,
        ingressOutcome(plan),
        isvc.getMetadata().getGeneration(),
        previous);
  }

  /** A component's health from its Deployment and the pods it selects. */
  private ComponentHealth health(String namespace, ComponentPlan component) {
    Deployment deployment =
        client.apps().deployments().inNamespace(namespace).withName(component.name()).get();
    List<Pod> pods =
        client
            .pods()
            .inNamespace(namespace)
            .withLabel(ComponentMeta.APP_LABEL, ComponentMeta.appLabel(component))
            .list()
            .getItems();
    String server =
        component.container() == null || component.container().getName() == null
            ? "kserve-container"
            : component.container().getName();
    return ComponentHealth.of(component.name(), server, deployment, pods);
  }

  /** Ready when the route exists, or when no route is rendered (the Services are the entry). */
  private StatusBuilder.Outcome ingressOutcome(InferenceServicePlan plan) {
    boolean exists =
        switch (config.render().routing()) {
          case INGRESS ->
              client
                      .network()
                      .v1()
                      .ingresses()
                      .inNamespace(plan.namespace())
                      .withName(plan.name())
                      .get()
                  != null;
          case GATEWAY_API ->
              client
                      .resources(io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute.class)
                      .inNamespace(plan.namespace())
                      .withName(plan.name())
                      .get()
                  != null;
          case NONE -> true;
        };
    return exists
        ? StatusBuilder.Outcome.ok()
        : new StatusBuilder.Outcome(
            false, "IngressNotCreated", "route '" + plan.name() + "' does not exist yet");
  }

  private List<RuntimeCandidate> namespacedRuntimes(String namespace) {
    return client.resources(ServingRuntime.class).inNamespace(namespace).list().getItems().stream()
        .map(RuntimeCandidate::of)
        .toList();
  }

  private List<RuntimeCandidate> clusterRuntimes() {
    return client.resources(ClusterServingRuntime.class).list().getItems().stream()
        .map(RuntimeCandidate::of)
        .toList();
  }
}
