package dev.kserve4j.controller;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import java.util.List;

/**
 * Whether a Deployment serves: one available replica, else the Deployment's own reason for having
 * none.
 */
final class DeploymentAvailability {
  private DeploymentAvailability() {}

  /** Ready once {@code deployment} (null when it does not exist) has an available replica. */
  static StatusBuilder.Outcome of(String name, Deployment deployment) {
    Integer available =
        deployment == null || deployment.getStatus() == null
            ? null
            : deployment.getStatus().getAvailableReplicas();
    if (available != null && available >= 1) {
      return StatusBuilder.Outcome.ok();
    }
    List<DeploymentCondition> conditions =
        deployment == null
                || deployment.getStatus() == null
                || deployment.getStatus().getConditions() == null
            ? List.of()
            : deployment.getStatus().getConditions();
    return conditions.stream()
        .filter(c -> "False".equals(c.getStatus()) && c.getReason() != null)
        .filter(c -> "Available".equals(c.getType()) || "Progressing".equals(c.getType()))
        .findFirst()
        .map(c -> new StatusBuilder.Outcome(false, c.getReason(), c.getMessage()))
        .orElseGet(
            () ->
                new StatusBuilder.Outcome(
                    false,
                    "MinimumReplicasUnavailable",
                    "Deployment '"
                        + name
                        + "' has "
                        + (available == null ? 0 : available)
                        + " available replicas (expected at least 1)"));
  }
}
