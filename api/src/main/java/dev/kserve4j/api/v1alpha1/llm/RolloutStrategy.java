package dev.kserve4j.api.v1alpha1.llm;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kserve4j.api.AdditionalProperties;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.Map;

/**
 * How a workload's pods are replaced on update ({@code RolloutStrategy}).
 *
 * @param maxUnavailable pods that may be unavailable during the update: a count or a percentage
 * @param maxSurge pods that may be created above the desired count: a count or a percentage
 * @param additionalProperties fields this type does not declare, kept for the round trip
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RolloutStrategy(
    IntOrString maxUnavailable,
    IntOrString maxSurge,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public RolloutStrategy {
    additionalProperties = AdditionalProperties.copyOf(additionalProperties);
  }
}
