package dev.kserve4j.api.v1alpha1.llm;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kserve4j.api.AdditionalProperties;
import java.util.Map;

/**
 * Autoscaling of a workload ({@code ScalingSpec}); excludes {@code replicas}.
 *
 * @param minReplicas the fewest replicas
 * @param maxReplicas the most replicas (required)
 * @param wva the Workload Variant Autoscaler
 * @param keda KEDA on the user's triggers
 * @param additionalProperties fields this type does not declare, kept for the round trip
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScalingSpec(
    Integer minReplicas,
    Integer maxReplicas,
    WvaSpec wva,
    DirectKedaScalingSpec keda,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public ScalingSpec {
    additionalProperties = AdditionalProperties.copyOf(additionalProperties);
  }
}
