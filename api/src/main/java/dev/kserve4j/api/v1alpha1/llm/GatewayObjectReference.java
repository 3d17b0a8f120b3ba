package dev.kserve4j.api.v1alpha1.llm;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kserve4j.api.AdditionalProperties;
import java.util.Map;

/**
 * A reference to a Gateway, optionally to one of its listeners.
 *
 * @param name the Gateway's name
 * @param namespace its namespace; empty for the resource's own
 * @param sectionName the listener's name; empty for all of them
 * @param additionalProperties fields this type does not declare, kept for the round trip
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GatewayObjectReference(
    String name,
    String namespace,
    String sectionName,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public GatewayObjectReference {
    additionalProperties = AdditionalProperties.copyOf(additionalProperties);
  }
}
