package dev.kserve4j.plan.llm;

import java.util.List;

/**
 * The routing objects KServe creates or uses for an LLMInferenceService (KServe's {@code
 * router.go}, {@code scheduler.go}).
 *
 * @param route {@code {name}-kserve-route} when KServe manages the HTTPRoute; null when {@code
 *     router.route} is absent or names existing routes
 * @param routeRefs existing HTTPRoutes named in {@code router.route.http.refs}
 * @param gateways existing Gateways ({@code namespace/name}); empty with a managed route means the
 *     cluster's default Gateway
 * @param scheduler the endpoint picker Deployment, {@code {name}-kserve-router-scheduler}; null
 *     without {@code router.scheduler}
 * @param inferencePool the InferencePool, {@code {name}-inference-pool} or the one referenced; null
 *     without a scheduler
 */
public record LLMRouterPlan(
    String route,
    List<String> routeRefs,
    List<String> gateways,
    String scheduler,
    String inferencePool) {

  public LLMRouterPlan {
    routeRefs = List.copyOf(routeRefs);
    gateways = List.copyOf(gateways);
  }
}
