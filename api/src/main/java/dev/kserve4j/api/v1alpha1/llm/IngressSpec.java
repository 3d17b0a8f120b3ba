package dev.kserve4j.api.v1alpha1.llm;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kserve4j.api.AdditionalProperties;
import java.util.List;
import java.util.Map;

/**
 * The Ingress objects the service is exposed through ({@code IngressSpec}).
 *
 * @param refs existing Ingress objects
 * @param additionalProperties fields this type does not declare, kept for the round trip
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IngressSpec(
    List<UntypedObjectReference> refs,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public IngressSpec {
    additionalProperties = AdditionalProperties.copyOf(additionalProperties);
  }
}
