package dev.kserve4j.api.v1alpha1.llm;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kserve4j.api.AdditionalProperties;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.Map;

/**
 * The endpoint picker (EPP) that chooses a model server per request ({@code SchedulerSpec}); {@code
 * {}} asks for KServe's default.
 *
 * @param pool the InferencePool it picks from
 * @param labels labels of the scheduler's pods
 * @param annotations annotations of the scheduler's pods
 * @param template the scheduler's pod template
 * @param config its configuration
 * @param replicas its replicas, at least 1
 * @param tokenizer the tokenizer sidecar
 * @param additionalProperties fields this type does not declare, kept for the round trip
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SchedulerSpec(
    SchedulerPoolSpec pool,
    Map<String, String> labels,
    Map<String, String> annotations,
    PodSpec template,
    SchedulerConfigSpec config,
    Integer replicas,
    TokenizerSpec tokenizer,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public SchedulerSpec {
    additionalProperties = AdditionalProperties.copyOf(additionalProperties);
  }
}
