package dev.kserve4j.api.v1alpha1.llm;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kserve4j.api.AdditionalProperties;
import java.util.Map;

/**
 * Scaling by the Workload Variant Autoscaler ({@code WVASpec}) through an HPA or KEDA, exactly one.
 *
 * @param variantCost the relative cost of this variant, a non-negative number as a string
 * @param hpa the HPA actuator
 * @param keda the KEDA actuator
 * @param additionalProperties fields this type does not declare, kept for the round trip
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WvaSpec(
    String variantCost,
    HpaScalingSpec hpa,
    KedaScalingSpec keda,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public WvaSpec {
    additionalProperties = AdditionalProperties.copyOf(additionalProperties);
  }
}
