package dev.kserve4j.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kserve4j.api.AdditionalProperties;
import io.fabric8.generator.annotation.Required;
import java.util.Map;

/**
 * One autoscaling rule ({@code autoScaling.metrics[]}); the field named by {@code type} is set.
 *
 * @param type which of the sources below applies
 * @param resource a pod resource (cpu, memory)
 * @param external an external metric
 * @param podmetric a per-pod metric
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MetricsSpec(
    @Required MetricSourceType type,
    ResourceMetricSource resource,
    ExternalMetricSource external,
    PodMetricSource podmetric,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public MetricsSpec {
    additionalProperties = AdditionalProperties.copyOf(additionalProperties);
  }
}
