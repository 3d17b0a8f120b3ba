package dev.kserve4j.local;

import dev.kserve4j.api.v1beta1.ComponentStatusSpec;
import dev.kserve4j.api.v1beta1.InferenceService;
import dev.kserve4j.api.v1beta1.ModelCopies;
import dev.kserve4j.api.v1beta1.ModelStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes each component's replicas into an InferenceService's status as they are when it is read:
 * {@code status.components[component].desiredReplicas} and {@code actualReplicas} (the names of
 * Knative's Revision status, which KServe's components are on Kubernetes), and the predictor's
 * ready replicas as KServe's {@code status.modelStatus.copies.totalCopies}.
 */
final class ReplicaStatus {
  private ReplicaStatus() {}

  static void write(InferenceService isvc, Map<String, LocalAutoscaler.Replicas> replicas) {
    if (isvc.getStatus() == null || replicas.isEmpty()) {
      return;
    }
    Map<String, ComponentStatusSpec> components =
        isvc.getStatus().getComponents() == null
            ? new LinkedHashMap<>()
            : new LinkedHashMap<>(isvc.getStatus().getComponents());
    replicas.forEach(
        (component, r) -> {
          ComponentStatusSpec c = components.get(component);
          Map<String, Object> extra =
              new LinkedHashMap<>(c == null ? Map.of() : c.additionalProperties());
          extra.put("desiredReplicas", r.desired());
          extra.put("actualReplicas", r.actual());
          components.put(
              component,
              c == null
                  ? new ComponentStatusSpec(
                      null, null, null, null, null, null, null, null, null, extra)
                  : new ComponentStatusSpec(
                      c.latestReadyRevision(),
                      c.latestCreatedRevision(),
                      c.previousRolledoutRevision(),
                      c.latestRolledoutRevision(),
                      c.traffic(),
                      c.url(),
                      c.restUrl(),
                      c.grpcUrl(),
                      c.address(),
                      extra));
        });
    isvc.getStatus().setComponents(components);
    LocalAutoscaler.Replicas predictor = replicas.get("predictor");
    ModelStatus model = isvc.getStatus().getModelStatus();
    if (predictor != null && model != null) {
      ModelCopies copies = model.copies();
      isvc.getStatus()
          .setModelStatus(
              new ModelStatus(
                  model.transitionStatus(),
                  model.states(),
                  model.lastFailureInfo(),
                  new ModelCopies(
                      copies == null ? 0 : copies.failedCopies(),
                      predictor.actual(),
                      copies == null ? Map.of() : copies.additionalProperties()),
                  model.additionalProperties()));
    }
  }
}
