package dev.kserve4j.plan.llm;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * What KServe would create for an LLMInferenceService, and what embedded mode can run of it.
 *
 * @param name the LLMInferenceService's name
 * @param namespace its namespace ({@code default} when the resource names none)
 * @param modelName the name clients use ({@code spec.model.name}, else the resource's name)
 * @param modelUri {@code spec.model.uri}
 * @param workloadService the Service in front of the workloads, {@code {name}-kserve-workload-svc}
 * @param address the in-cluster URL KServe reports in {@code status.addresses} when there is no
 *     route ({@code {scheme}://{workloadService}.{namespace}.svc.cluster.local})
 * @param routePath the path prefix of the managed route on the Gateway, {@code
 *     /{namespace}/{name}}, which KServe prefers for {@code status.url}; null without a managed
 *     route
 * @param workloads the decode workload, then the prefill workload when set
 * @param router the routing objects, when {@code spec.router} sets a route or scheduler
 * @param embedded whether and how it runs on one machine
 */
public record LLMInferenceServicePlan(
    String name,
    String namespace,
    String modelName,
    String modelUri,
    String workloadService,
    String address,
    String routePath,
    List<LLMWorkloadPlan> workloads,
    Optional<LLMRouterPlan> router,
    EmbeddedSupport embedded) {

  public LLMInferenceServicePlan {
    requireNonNull(name, "name");
    requireNonNull(namespace, "namespace");
    requireNonNull(modelName, "modelName");
    requireNonNull(modelUri, "modelUri");
    requireNonNull(workloadService, "workloadService");
    requireNonNull(address, "address");
    workloads = List.copyOf(workloads);
    requireNonNull(router, "router");
    requireNonNull(embedded, "embedded");
  }
}
