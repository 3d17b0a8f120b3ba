package dev.kserve4j.api.v1alpha1.llm;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kserve4j.api.AdditionalProperties;
import java.util.Map;

/**
 * A KEDA {@code TriggerAuthentication} a trigger uses ({@code AuthenticationRef}).
 *
 * @param name its name
 * @param kind {@code TriggerAuthentication} or {@code ClusterTriggerAuthentication}
 * @param additionalProperties fields this type does not declare, kept for the round trip
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KedaAuthenticationRef(
    String name,
    String kind,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public KedaAuthenticationRef {
    additionalProperties = AdditionalProperties.copyOf(additionalProperties);
  }
}
