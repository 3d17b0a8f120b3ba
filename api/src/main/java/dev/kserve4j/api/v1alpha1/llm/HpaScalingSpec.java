package dev.kserve4j.api.v1alpha1.llm;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kserve4j.api.AdditionalProperties;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBehavior;
import java.util.Map;

/**
 * The HPA as the actuator of WVA ({@code HPAScalingSpec}).
 *
 * @param behavior scale-up and scale-down policies
 * @param additionalProperties fields this type does not declare, kept for the round trip
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HpaScalingSpec(
    HorizontalPodAutoscalerBehavior behavior,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public HpaScalingSpec {
    additionalProperties = AdditionalProperties.copyOf(additionalProperties);
  }
}
