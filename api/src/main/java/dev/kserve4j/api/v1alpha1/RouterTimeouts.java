package dev.kserve4j.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kserve4j.api.AdditionalProperties;
import java.util.Map;

/**
 * Timeouts of the graph router, in seconds ({@code routerTimeouts}).
 *
 * @param serverRead the longest read of a whole request
 * @param serverWrite the longest write of a response
 * @param serverIdle the longest idle keep-alive
 * @param serviceClient the longest call to a step
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RouterTimeouts(
    Long serverRead,
    Long serverWrite,
    Long serverIdle,
    Long serviceClient,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public RouterTimeouts {
    additionalProperties = AdditionalProperties.copyOf(additionalProperties);
  }
}
