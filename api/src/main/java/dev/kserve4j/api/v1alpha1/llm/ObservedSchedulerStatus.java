package dev.kserve4j.api.v1alpha1.llm;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kserve4j.api.AdditionalProperties;
import java.util.Map;

/**
 * The scheduler's objects, as observed ({@code ObservedSchedulerStatus}).
 *
 * @param inferencePool the InferencePool
 * @param service the endpoint picker's Service
 * @param additionalProperties fields this type does not declare, kept for the round trip
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ObservedSchedulerStatus(
    GatewayObjectRef inferencePool,
    GatewayObjectRef service,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public ObservedSchedulerStatus {
    additionalProperties = AdditionalProperties.copyOf(additionalProperties);
  }
}
