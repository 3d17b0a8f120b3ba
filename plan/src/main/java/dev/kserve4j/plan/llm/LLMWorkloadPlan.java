package dev.kserve4j.plan.llm;

import static java.util.Objects.requireNonNull;

/**
 * One pool of model server pods KServe creates for an LLMInferenceService.
 *
 * @param role {@code decode} (the main workload) or {@code prefill}
 * @param kind {@code Deployment} for single-pod replicas, {@code LeaderWorkerSet} when a replica
 *     spans pods ({@code worker} is set)
 * @param name the object's name: {@code {name}-kserve[-prefill]}, or {@code
 *     {name}-kserve-mn[-prefill]} for a LeaderWorkerSet (KServe's {@code workload_single_node.go},
 *     {@code workload_multi_node.go})
 * @param replicas the fixed replicas (1 when neither {@code replicas} nor {@code scaling} is set);
 *     null when autoscaled
 * @param minReplicas the autoscaler's minimum; null when not autoscaled
 * @param maxReplicas the autoscaler's maximum; null when not autoscaled
 * @param podsPerReplica the pods one replica spans (KServe's {@code ParallelismSpec.GetSize}); 1
 *     for a Deployment
 * @param tensor the tensor-parallel degree (1 when unset)
 * @param pipeline the pipeline-parallel degree (1 when unset)
 * @param data the data-parallel degree (1 when unset)
 * @param dataLocal the data-parallel ranks per pod (1 when unset)
 * @param expert whether expert parallelism is on
 */
public record LLMWorkloadPlan(
    String role,
    String kind,
    String name,
    Integer replicas,
    Integer minReplicas,
    Integer maxReplicas,
    int podsPerReplica,
    int tensor,
    int pipeline,
    int data,
    int dataLocal,
    boolean expert) {

  public LLMWorkloadPlan {
    requireNonNull(role, "role");
    requireNonNull(kind, "kind");
    requireNonNull(name, "name");
  }
}
