package dev.kserve4j.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kserve4j.api.AdditionalProperties;
import io.fabric8.generator.annotation.Required;
import java.util.Map;

/**
 * An autoscaling rule on a per-pod metric ({@code metrics[].podmetric}).
 *
 * @param metric the metric and its query
 * @param target the target value
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PodMetricSource(
    @Required PodMetrics metric,
    @Required MetricTarget target,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public PodMetricSource {
    additionalProperties = AdditionalProperties.copyOf(additionalProperties);
  }
}
