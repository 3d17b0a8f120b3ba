package dev.kserve4j.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kserve4j.api.AdditionalProperties;
import io.fabric8.generator.annotation.Required;
import java.util.Map;

/**
 * A canary variant of the predictor and its share of the traffic ({@code spec.canary[]}).
 *
 * @param predictor the variant; its {@code name} is required and names its Deployment {@code
 *     {isvc}-{name}-predictor}
 * @param trafficPercent its share of the traffic, 0 (a dark launch) to 100; the canaries' shares
 *     add up to at most 100
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CanarySpec(
    @Required PredictorSpec predictor,
    @Required Integer trafficPercent,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public CanarySpec {
    additionalProperties = AdditionalProperties.copyOf(additionalProperties);
  }
}
