package dev.kserve4j.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kserve4j.api.AdditionalProperties;
import io.fabric8.generator.annotation.Required;
import java.util.Map;

/**
 * An autoscaling rule on a pod resource ({@code metrics[].resource}).
 *
 * @param name the resource
 * @param target the target value
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResourceMetricSource(
    @Required ResourceMetric name,
    @Required MetricTarget target,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public ResourceMetricSource {
    additionalProperties = AdditionalProperties.copyOf(additionalProperties);
  }
}
