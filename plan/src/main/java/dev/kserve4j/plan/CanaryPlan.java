package dev.kserve4j.plan;

import static java.util.Objects.requireNonNull;

/**
 * One {@code spec.canary[]} variant of the predictor: its own Deployment and Service named {@code
 * {isvc}-{name}-predictor}, with fixed replicas, receiving {@code trafficPercent} of the
 * InferenceService's predict traffic while it is ready.
 *
 * @param name the canary's {@code predictor.name}
 * @param trafficPercent its share of the traffic, 0 (a dark launch) to 100
 * @param predictor the planned predictor of the variant
 */
public record CanaryPlan(String name, int trafficPercent, ComponentPlan predictor) {
  public CanaryPlan {
    requireNonNull(name, "name");
    requireNonNull(predictor, "predictor");
    if (trafficPercent < 0 || trafficPercent > 100) {
      throw new IllegalArgumentException(
          "canary '" + name + "' trafficPercent " + trafficPercent + " (expected 0 to 100)");
    }
  }
}
