package dev.kserve4j.api.v1alpha1.llm;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kserve4j.api.AdditionalProperties;
import java.util.List;
import java.util.Map;

/**
 * The routing objects, as observed ({@code RouterStatus}).
 *
 * @param gateways the Gateways
 * @param scheduler the scheduler
 * @param additionalProperties fields this type does not declare, kept for the round trip
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RouterStatus(
    List<ObservedGateway> gateways,
    ObservedSchedulerStatus scheduler,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public RouterStatus {
    additionalProperties = AdditionalProperties.copyOf(additionalProperties);
  }
}
