package dev.kserve4j.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kserve4j.api.AdditionalProperties;
import io.fabric8.generator.annotation.Required;
import java.util.Map;

/**
 * The model's state in the active and the target revision ({@code modelStatus.states}).
 *
 * @param activeModelState in the revision serving traffic
 * @param targetModelState in the revision being rolled out
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelRevisionStates(
    @Required ModelState activeModelState,
    ModelState targetModelState,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public ModelRevisionStates {
    additionalProperties = AdditionalProperties.copyOf(additionalProperties);
  }
}
