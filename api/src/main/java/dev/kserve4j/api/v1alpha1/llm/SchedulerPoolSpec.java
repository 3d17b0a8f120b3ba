package dev.kserve4j.api.v1alpha1.llm;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kserve4j.api.AdditionalProperties;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import java.util.Map;

/**
 * The InferencePool of the scheduler ({@code InferencePoolSpec}): an existing one, or the spec of
 * one KServe creates.
 *
 * @param spec the spec of the InferencePool KServe creates
 * @param ref an existing InferencePool
 * @param additionalProperties fields this type does not declare, kept for the round trip
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SchedulerPoolSpec(
    InferencePoolSpec spec,
    LocalObjectReference ref,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public SchedulerPoolSpec {
    additionalProperties = AdditionalProperties.copyOf(additionalProperties);
  }
}
