package dev.kserve4j.controller;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.api.v1alpha1.ClusterServingRuntime;
import dev.kserve4j.api.v1alpha1.ServingRuntime;
import dev.kserve4j.api.v1beta1.FailureReason;
import dev.kserve4j.api.v1beta1.InferenceService;
import dev.kserve4j.api.v1beta1.InferenceServiceStatus;
import dev.kserve4j.api.validation.FieldError;
import dev.kserve4j.plan.DeploymentMode;
import dev.kserve4j.plan.InferenceServicePlan;
import dev.kserve4j.plan.InferenceServicePlanner;
import dev.kserve4j.plan.PlanResult;
import dev.kserve4j.plan.RuntimeCandidate;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings one Standard-mode InferenceService to its desired state: plans it against the
 * ServingRuntimes of its namespace and the ClusterServingRuntimes, renders and applies the objects,
 * deletes those no longer rendered, and records the outcome in its status. InferenceServices of
 * another deployment mode are left alone. Status is written only when it changes.
 */
public final class InferenceServiceReconciler {
  private static final Logger LOG = LoggerFactory.getLogger(InferenceServiceReconciler.class);

  private final KubernetesClient client;
  private final ControllerConfig config;
  private final StandardModeRenderer renderer;
  private final DesiredStateApplier applier;
  private final StatusBuilder statuses;
  private final InferenceServicePlanner planner = new InferenceServicePlanner();

  public InferenceServiceReconciler(KubernetesClient client, ControllerConfig config, Clock clock) {
    this.client = requireNonNull(client, "client");
    this.config = requireNonNull(config, "config");
    this.renderer = new StandardModeRenderer(config.render());
    this.applier = new DesiredStateApplier(new ManagedKinds(client));
    this.statuses = new StatusBuilder(clock);
  }

  /** Reconciles the stored InferenceService {@code namespace/name}; nothing when it is gone. */
  public void reconcile(String namespace, String name) {
    InferenceService isvc = client.resources(InferenceService.class).inNamespace(namespace).withName(name).get();
    if (isvc == null) {
      LOG.debug("InferenceService {}/{}: gone, its objects are garbage-collected through owner references", namespace, name);
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
    PlanResult result = planner.plan(isvc, namespacedRuntimes(ns), clusterRuntimes(), config.plan());
    InferenceServiceStatus next = switch (result) {
      case PlanResult.Rejected rejected -> {
        String message = rejected.errors().stream().map(FieldError::toString).collect(Collectors.joining("; "));
        LOG.warn("InferenceService {}/{}: invalid spec: {}", ns, name, message);
        yield statuses.failed(FailureReason.INVALID_PREDICTOR_SPEC, "InvalidSpec", message, generation, previous);
      }
      case PlanResult.NoRuntime none -> {
        LOG.warn("InferenceService {}/{}: no supporting runtime: {}", ns, name, none.failure().detail());
        yield statuses.failed(FailureReason.NO_SUPPORTING_RUNTIME, none.failure().reason(),
            none.failure().message(), generation, previous);
      }
      case PlanResult.Planned planned when planned.plan().deploymentMode() != DeploymentMode.STANDARD -> {
        LOG.debug("InferenceService {}/{}: {} mode is not reconciled here", ns, name,
            planned.plan().deploymentMode().annotation());
        yield null;
      }
      case PlanResult.Planned planned -> applied(isvc, planned.plan(), previous);
    };
    if (next != null && !Objects.equals(next, previous)) {
      isvc.setStatus(next);
      client.resources(InferenceService.class).inNamespace(ns).resource(isvc).updateStatus();
      LOG.info("InferenceService {}/{}: status Ready={}", ns, name, next.isReady());
    }
  }

  private InferenceServiceStatus applied(InferenceService isvc, InferenceServicePlan plan, InferenceServiceStatus previous) {
    String ns = plan.namespace();
    DesiredStateApplier.Changes changes = applier.apply(ns, plan.name(), isvc.getMetadata().getUid(),
        renderer.render(isvc, plan));
    if (!changes.written().isEmpty() || !changes.deleted().isEmpty()) {
      LOG.info("InferenceService {}/{}: wrote {}, deleted {}", ns, plan.name(), changes.written(), changes.deleted());
    }
    Deployment predictor = client.apps().deployments().inNamespace(ns).withName(plan.predictor().name()).get();
    return statuses.planned(plan, predictorOutcome(plan, predictor), ingressOutcome(plan),
        isvc.getMetadata().getGeneration(), previous);
  }

  /** Ready once one replica is available; otherwise the Deployment's own reason for not being available. */
  private static StatusBuilder.Outcome predictorOutcome(InferenceServicePlan plan, Deployment deployment) {
    Integer available = deployment == null || deployment.getStatus() == null ? null : deployment.getStatus().getAvailableReplicas();
    if (available != null && available >= 1) {
      return StatusBuilder.Outcome.ok();
    }
    List<DeploymentCondition> conditions = deployment == null || deployment.getStatus() == null
        || deployment.getStatus().getConditions() == null ? List.of() : deployment.getStatus().getConditions();
    return conditions.stream().filter(c -> "False".equals(c.getStatus()) && c.getReason() != null)
        .filter(c -> "Available".equals(c.getType()) || "Progressing".equals(c.getType()))
        .findFirst()
        .map(c -> new StatusBuilder.Outcome(false, c.getReason(), c.getMessage()))
        .orElseGet(() -> new StatusBuilder.Outcome(false, "MinimumReplicasUnavailable", "Deployment '"
            + plan.predictor().name() + "' has " + (available == null ? 0 : available)
            + " available replicas (expected at least 1)"));
  }

  /** Ready when the route exists, or when no route is rendered (the Services are the entry). */
  private StatusBuilder.Outcome ingressOutcome(InferenceServicePlan plan) {
    boolean exists = switch (config.render().routing()) {
      case INGRESS -> client.network().v1().ingresses().inNamespace(plan.namespace()).withName(plan.name()).get() != null;
      case GATEWAY_API -> client.resources(io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute.class)
          .inNamespace(plan.namespace()).withName(plan.name()).get() != null;
      case NONE -> true;
    };
    return exists ? StatusBuilder.Outcome.ok()
        : new StatusBuilder.Outcome(false, "IngressNotCreated", "route '" + plan.name() + "' does not exist yet");
  }

  private List<RuntimeCandidate> namespacedRuntimes(String namespace) {
    return client.resources(ServingRuntime.class).inNamespace(namespace).list().getItems().stream()
        .map(RuntimeCandidate::of).toList();
  }

  private List<RuntimeCandidate> clusterRuntimes() {
    return client.resources(ClusterServingRuntime.class).list().getItems().stream().map(RuntimeCandidate::of).toList();
  }
}
