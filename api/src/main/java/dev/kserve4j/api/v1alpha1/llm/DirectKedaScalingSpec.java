package dev.kserve4j.api.v1alpha1.llm;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kserve4j.api.AdditionalProperties;
import java.util.List;
import java.util.Map;

/**
 * KEDA scaling on the user's own triggers ({@code DirectKEDAScalingSpec}).
 *
 * @param pollingInterval seconds between metric polls
 * @param cooldownPeriod seconds after the last active trigger before scaling to zero
 * @param initialCooldownPeriod seconds after creation before scaling to zero
 * @param idleReplicaCount replicas while no trigger is active
 * @param fallback replicas while scalers fail
 * @param advanced advanced settings
 * @param triggers the scalers, at least one
 * @param additionalProperties fields this type does not declare, kept for the round trip
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DirectKedaScalingSpec(
    Integer pollingInterval,
    Integer cooldownPeriod,
    Integer initialCooldownPeriod,
    Integer idleReplicaCount,
    KedaFallback fallback,
    KedaAdvancedConfig advanced,
    List<KedaScaleTrigger> triggers,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public DirectKedaScalingSpec {
    additionalProperties = AdditionalProperties.copyOf(additionalProperties);
  }
}
