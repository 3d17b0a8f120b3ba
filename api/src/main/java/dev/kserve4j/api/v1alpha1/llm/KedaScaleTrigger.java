package dev.kserve4j.api.v1alpha1.llm;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kserve4j.api.AdditionalProperties;
import java.util.Map;

/**
 * One KEDA scaler ({@code ScaleTriggers}).
 *
 * @param type the scaler, e.g. {@code prometheus}
 * @param name the trigger's name
 * @param useCachedMetrics whether the metric may be served from KEDA's cache
 * @param metadata the scaler's settings
 * @param authenticationRef the credentials
 * @param metricType {@code AverageValue}, {@code Value} or {@code Utilization}
 * @param additionalProperties fields this type does not declare, kept for the round trip
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KedaScaleTrigger(
    String type,
    String name,
    Boolean useCachedMetrics,
    Map<String, String> metadata,
    KedaAuthenticationRef authenticationRef,
    String metricType,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public KedaScaleTrigger {
    additionalProperties = AdditionalProperties.copyOf(additionalProperties);
  }
}
