package dev.kserve4j.api.v1alpha1.llm;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kserve4j.api.AdditionalProperties;
import java.util.Map;

/**
 * KEDA's advanced settings ({@code AdvancedConfig}).
 *
 * @param horizontalPodAutoscalerConfig the HPA KEDA creates
 * @param restoreToOriginalReplicaCount whether deleting the ScaledObject restores the original
 *     replicas
 * @param scalingModifiers a formula over the triggers
 * @param additionalProperties fields this type does not declare, kept for the round trip
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KedaAdvancedConfig(
    KedaHpaConfig horizontalPodAutoscalerConfig,
    Boolean restoreToOriginalReplicaCount,
    KedaScalingModifiers scalingModifiers,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public KedaAdvancedConfig {
    additionalProperties = AdditionalProperties.copyOf(additionalProperties);
  }
}
