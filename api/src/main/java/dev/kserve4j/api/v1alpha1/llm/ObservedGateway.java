package dev.kserve4j.api.v1alpha1.llm;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kserve4j.api.AdditionalProperties;
import java.util.List;
import java.util.Map;

/**
 * A Gateway the service is reachable through, as observed ({@code ObservedGateway}).
 *
 * @param group the Gateway's API group
 * @param kind its kind
 * @param name its name
 * @param namespace its namespace
 * @param listeners the listeners the routes attach to
 * @param httpRoutes the HTTPRoutes attached
 * @param additionalProperties fields this type does not declare, kept for the round trip
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ObservedGateway(
    String group,
    String kind,
    String name,
    String namespace,
    List<String> listeners,
    List<GatewayObjectRef> httpRoutes,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public ObservedGateway {
    additionalProperties = AdditionalProperties.copyOf(additionalProperties);
  }
}
