package dev.kserve4j.api.v1alpha1.llm;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kserve4j.api.AdditionalProperties;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.Map;

/**
 * One pool of model server pods ({@code WorkloadSpec}): the decode (main) workload, inlined in the
 * spec, or the prefill workload.
 *
 * <p>With {@code worker} set, a replica spans several pods (a LeaderWorkerSet: {@code template} is
 * the leader, {@code worker} the others); without it, each replica is one pod of a Deployment.
 *
 * @param replicas the replicas, at least 0; excludes {@code scaling}
 * @param scaling autoscaling; excludes {@code replicas}
 * @param parallelism how one replica spreads the model
 * @param labels labels of the pods
 * @param annotations annotations of the pods
 * @param template the pod template (the leader's, when multi-node)
 * @param worker the worker pods' template, for a multi-node replica
 * @param rolloutStrategy how pods are replaced on update
 * @param additionalProperties fields this type does not declare, kept for the round trip
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!(has(self.replicas) && has(self.scaling))",
    message = WorkloadSpec.REPLICAS_XOR_SCALING)
public record WorkloadSpec(
    @Min(0) Integer replicas,
    ScalingSpec scaling,
    ParallelismSpec parallelism,
    Map<String, String> labels,
    Map<String, String> annotations,
    PodSpec template,
    PodSpec worker,
    RolloutStrategy rolloutStrategy,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  /** The CRD's message for a workload with both {@code replicas} and {@code scaling}. */
  static final String REPLICAS_XOR_SCALING =
      "replicas and scaling are mutually exclusive; use scaling for"
          + " autoscaled deployments or replicas for static deployments";

  public WorkloadSpec {
    additionalProperties = AdditionalProperties.copyOf(additionalProperties);
  }

  /** Whether a replica spans several pods ({@code worker} is set). */
  @JsonIgnore
  public boolean isMultiNode() {
    return worker != null;
  }
}
