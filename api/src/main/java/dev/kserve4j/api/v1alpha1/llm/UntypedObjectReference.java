package dev.kserve4j.api.v1alpha1.llm;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kserve4j.api.AdditionalProperties;
import java.util.Map;

/**
 * A reference by name and namespace to an object whose kind the field implies.
 *
 * @param name the object's name
 * @param namespace its namespace; empty for the resource's own
 * @param additionalProperties fields this type does not declare, kept for the round trip
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UntypedObjectReference(
    String name,
    String namespace,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public UntypedObjectReference {
    additionalProperties = AdditionalProperties.copyOf(additionalProperties);
  }
}
