package dev.kserve4j.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kserve4j.api.AdditionalProperties;
import io.fabric8.generator.annotation.Required;
import java.util.Map;

/**
 * How many copies of the model are loaded and how many failed ({@code modelStatus.copies}).
 *
 * @param failedCopies copies that failed to load
 * @param totalCopies copies loaded
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelCopies(
    @Required Integer failedCopies,
    Integer totalCopies,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public ModelCopies {
    additionalProperties = AdditionalProperties.copyOf(additionalProperties);
  }
}
