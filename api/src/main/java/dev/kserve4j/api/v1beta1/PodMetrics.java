package dev.kserve4j.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kserve4j.api.AdditionalProperties;
import io.fabric8.generator.annotation.Required;
import java.util.List;
import java.util.Map;

/**
 * A per-pod metric and how to query it ({@code podmetric.metric}).
 *
 * @param backend the metrics system
 * @param serverAddress the metrics system's address
 * @param metricNames the metric names in the backend
 * @param query the query that yields the metric
 * @param operationOverTime the aggregation over time: {@code last_one} (default), {@code avg},
 *     {@code max}, {@code min}, {@code rate}, {@code count}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PodMetrics(
    @Required PodsMetricsBackend backend,
    String serverAddress,
    List<String> metricNames,
    String query,
    String operationOverTime,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public PodMetrics {
    additionalProperties = AdditionalProperties.copyOf(additionalProperties);
  }
}
