package dev.kserve4j.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kserve4j.api.AdditionalProperties;
import io.fabric8.generator.annotation.Required;
import java.util.Map;

/**
 * The observed state of one canary variant ({@code status.canaryStatuses[]}).
 *
 * @param name the canary's predictor name
 * @param ready whether it is ready
 * @param trafficPercent its share of the traffic
 * @param modelStatus its model's state
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CanaryStatus(
    @Required String name,
    @Required Boolean ready,
    @Required Integer trafficPercent,
    ModelStatus modelStatus,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public CanaryStatus {
    additionalProperties = AdditionalProperties.copyOf(additionalProperties);
  }
}
