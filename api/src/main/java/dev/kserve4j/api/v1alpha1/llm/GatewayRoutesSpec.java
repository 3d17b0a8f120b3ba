package dev.kserve4j.api.v1alpha1.llm;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kserve4j.api.AdditionalProperties;
import java.util.Map;

/**
 * How requests are routed to the service ({@code GatewayRoutesSpec}); {@code {}} asks for a managed
 * HTTPRoute.
 *
 * @param http the HTTPRoute
 * @param group the routing group of services that split traffic; set together with {@code weight}
 * @param weight this service's share within {@code group}
 * @param additionalProperties fields this type does not declare, kept for the round trip
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GatewayRoutesSpec(
    HTTPRouteSpec http,
    String group,
    Integer weight,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public GatewayRoutesSpec {
    additionalProperties = AdditionalProperties.copyOf(additionalProperties);
  }
}
