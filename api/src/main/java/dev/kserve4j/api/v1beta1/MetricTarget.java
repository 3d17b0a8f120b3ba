package dev.kserve4j.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kserve4j.api.AdditionalProperties;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;

/**
 * The value an autoscaling rule aims for ({@code target}).
 *
 * @param type how the target is expressed
 * @param value the target value
 * @param averageValue the target of the average over the replicas
 * @param averageUtilization the target average, as a percentage of the requested resource (resource
 *     metrics only)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MetricTarget(
    @Required MetricTargetType type,
    Quantity value,
    Quantity averageValue,
    Integer averageUtilization,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public MetricTarget {
    additionalProperties = AdditionalProperties.copyOf(additionalProperties);
  }
}
