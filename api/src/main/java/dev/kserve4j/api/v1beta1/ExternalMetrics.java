package dev.kserve4j.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kserve4j.api.AdditionalProperties;
import io.fabric8.generator.annotation.Required;
import java.util.Map;

/**
 * An external metric and how to query it ({@code external.metric}).
 *
 * @param backend the metrics system
 * @param serverAddress the metrics system's address
 * @param query the query that yields the metric
 * @param namespace the namespace of a namespaced query
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExternalMetrics(
    @Required MetricsBackend backend,
    String serverAddress,
    String query,
    String namespace,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public ExternalMetrics {
    additionalProperties = AdditionalProperties.copyOf(additionalProperties);
  }
}
