package dev.kserve4j.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kserve4j.api.AdditionalProperties;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;

/**
 * The model of a TrainedModel ({@code spec.model}): where it is, its framework and its memory.
 *
 * @param storageUri the model location
 * @param framework the framework, e.g. {@code sklearn}
 * @param memory the memory the model needs once loaded, e.g. {@code 256Mi}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelSpec(
    @Required String storageUri,
    @Required String framework,
    @Required Quantity memory,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public ModelSpec {
    additionalProperties = AdditionalProperties.copyOf(additionalProperties);
  }
}
