package dev.kserve4j.api.v1alpha1.llm;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kserve4j.api.AdditionalProperties;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.List;
import java.util.Map;

/**
 * The desired state of an LLMInferenceService ({@code LLMInferenceServiceSpec}): the model, the
 * decode workload (whose fields are inlined here, see {@link #workload()}), the optional prefill
 * workload, the router, and the LLMInferenceServiceConfigs it inherits from.
 *
 * @param model the model (required)
 * @param storageInitializer whether the model is downloaded before the server starts
 * @param replicas the decode workload's replicas
 * @param scaling the decode workload's autoscaling
 * @param parallelism the decode workload's parallelism
 * @param labels labels of the decode pods
 * @param annotations annotations of the decode pods
 * @param template the decode pod template
 * @param worker the decode worker template, for multi-node replicas
 * @param rolloutStrategy how decode pods are replaced
 * @param router how requests reach the model servers
 * @param prefill the prefill workload, for prefill/decode disaggregation
 * @param tracing tracing of the model server
 * @param baseRefs LLMInferenceServiceConfigs merged under this spec, later ones overriding earlier
 * @param additionalProperties fields this type does not declare, kept for the round trip
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!(has(self.replicas) && has(self.scaling))",
    message = WorkloadSpec.REPLICAS_XOR_SCALING)
public record LLMInferenceServiceSpec(
    @Required LLMModelSpec model,
    StorageInitializerSpec storageInitializer,
    @Min(0) Integer replicas,
    ScalingSpec scaling,
    ParallelismSpec parallelism,
    Map<String, String> labels,
    Map<String, String> annotations,
    PodSpec template,
    PodSpec worker,
    RolloutStrategy rolloutStrategy,
    RouterSpec router,
    WorkloadSpec prefill,
    TracingSpec tracing,
    List<LocalObjectReference> baseRefs,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public LLMInferenceServiceSpec {
    additionalProperties = AdditionalProperties.copyOf(additionalProperties);
  }

  /** The decode (main) workload: the workload fields inlined in this spec. */
  @JsonIgnore
  public WorkloadSpec workload() {
    return new WorkloadSpec(
        replicas,
        scaling,
        parallelism,
        labels,
        annotations,
        template,
        worker,
        rolloutStrategy,
        Map.of());
  }
}
