package dev.kserve4j.api.v1alpha1.llm;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kserve4j.api.AdditionalProperties;
import java.util.List;
import java.util.Map;

/**
 * The Gateways the service is exposed through ({@code GatewaySpec}); empty: the cluster's default
 * Gateway, managed by KServe.
 *
 * @param refs existing Gateways to attach routes to
 * @param additionalProperties fields this type does not declare, kept for the round trip
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GatewaySpec(
    List<GatewayObjectReference> refs,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public GatewaySpec {
    additionalProperties = AdditionalProperties.copyOf(additionalProperties);
  }
}
