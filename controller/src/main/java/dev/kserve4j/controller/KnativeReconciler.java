package dev.kserve4j.controller;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.api.v1beta1.InferenceService;
import dev.kserve4j.api.v1beta1.InferenceServiceStatus;
import dev.kserve4j.plan.ComponentPlan;
import dev.kserve4j.plan.InferenceServicePlan;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings one Knative-mode InferenceService to its desired state: renders its Knative Services and
 * route ({@link KnativeModeRenderer}), with each component's traffic split anchored on the last
 * rolled-out revision its stored status records (so a restarted operator renders the same split),
 * applies them, and computes the status from the Knative Services as Knative last reported them
 * ({@link KnativeStatusBuilder}). A cluster that does not serve Knative Services (or, with Ingress
 * routing, Istio VirtualServices) gets KServe's {@code ServerlessModeRejected}.
 */
final class KnativeReconciler {
  private static final Logger LOG = LoggerFactory.getLogger(KnativeReconciler.class);

  private final KubernetesClient client;
  private final KnativeModeRenderer renderer;
  private final DesiredStateApplier applier;
  private final KnativeStatusBuilder statuses;

  KnativeReconciler(
      KubernetesClient client, RenderConfig config, DesiredStateApplier applier, Clock clock) {
    this.client = requireNonNull(client, "client");
    this.renderer = new KnativeModeRenderer(config);
    this.applier = requireNonNull(applier, "applier");
    this.statuses = new KnativeStatusBuilder(clock, config.routing());
  }

  /** Applies the objects of {@code plan} and returns the InferenceService's new status. */
  InferenceServiceStatus reconcile(
      InferenceService isvc, InferenceServicePlan plan, InferenceServiceStatus previous) {
    String ns = plan.namespace();
    Long generation = isvc.getMetadata().getGeneration();
    try {
      DesiredStateApplier.Changes changes =
          applier.apply(
              ns,
              plan.name(),
              isvc.getMetadata().getUid(),
              renderer.render(isvc, plan, KnativeModeRenderer.lastRolledOut(previous)));
      if (!changes.written().isEmpty() || !changes.deleted().isEmpty()) {
        LOG.info(
            "InferenceService {}/{}: wrote {}, deleted {}",
            ns,
            plan.name(),
            changes.written(),
            changes.deleted());
      }
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
      String message =
          "the resolved deployment mode of InferenceService '"
              + plan.name()
              + "' is Knative, but the cluster does not serve a kind it needs (expected Knative"
              + " Serving's serving.knative.dev/v1 Service, and Istio's networking.istio.io"
              + " VirtualService with Ingress routing): "
              + e.getMessage();
      LOG.warn("InferenceService {}/{}: {}", ns, plan.name(), message);
      return statuses.rejected(plan, message, generation, previous);
    }
    Map<String, Optional<KnativeStatusBuilder.KsvcStatus>> stored = new LinkedHashMap<>();
    for (ComponentPlan c : plan.components()) {
      GenericKubernetesResource ksvc =
          client
              .genericKubernetesResources(ManagedKinds.KNATIVE_SERVICE)
              .inNamespace(ns)
              .withName(c.name())
              .get();
      stored.put(c.component(), statuses.ksvcStatus(ksvc));
    }
    return statuses.status(plan, stored, generation, previous);
  }
}
