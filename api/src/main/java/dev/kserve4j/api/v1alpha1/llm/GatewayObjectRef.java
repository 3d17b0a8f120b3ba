package dev.kserve4j.api.v1alpha1.llm;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kserve4j.api.AdditionalProperties;
import java.util.Map;

/**
 * A reference to a Gateway API object in a status ({@code gwapiv1.ObjectReference}).
 *
 * @param group its API group
 * @param kind its kind
 * @param name its name
 * @param namespace its namespace
 * @param additionalProperties fields this type does not declare, kept for the round trip
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GatewayObjectRef(
    String group,
    String kind,
    String name,
    String namespace,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public GatewayObjectRef {
    additionalProperties = AdditionalProperties.copyOf(additionalProperties);
  }
}
