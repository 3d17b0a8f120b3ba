package dev.kserve4j.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kserve4j.api.AdditionalProperties;
import java.util.Map;

/**
 * Whether the storage initializer downloads models for this runtime ({@code storageHelper}).
 *
 * @param disabled true when the runtime fetches models itself
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StorageHelper(
    Boolean disabled, @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public StorageHelper {
    additionalProperties = AdditionalProperties.copyOf(additionalProperties);
  }
}
