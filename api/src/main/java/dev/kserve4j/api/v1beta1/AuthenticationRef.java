package dev.kserve4j.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kserve4j.api.AdditionalProperties;
import io.fabric8.generator.annotation.Required;
import java.util.Map;

/**
 * A reference to the secret that authenticates metric queries.
 *
 * @param name the secret's name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuthenticationRef(
    @Required String name, @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public AuthenticationRef {
    additionalProperties = AdditionalProperties.copyOf(additionalProperties);
  }
}
