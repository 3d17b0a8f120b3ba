package dev.kserve4j.api.v1alpha1.llm;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kserve4j.api.AdditionalProperties;
import java.util.Map;

/**
 * A formula that combines triggers into one metric ({@code ScalingModifiers}).
 *
 * @param formula the expression over trigger names
 * @param target the target of the combined metric
 * @param activationTarget the value that activates scaling from zero
 * @param metricType the combined metric's type
 * @param additionalProperties fields this type does not declare, kept for the round trip
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KedaScalingModifiers(
    String formula,
    String target,
    String activationTarget,
    String metricType,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public KedaScalingModifiers {
    additionalProperties = AdditionalProperties.copyOf(additionalProperties);
  }
}
