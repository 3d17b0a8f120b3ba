package dev.kserve4j.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kserve4j.api.AdditionalProperties;
import java.util.Map;

/**
 * A model location given as a storage key and path instead of a URI ({@code storage}).
 *
 * @param path the object's path, relative to the storage URI
 * @param parameters overrides of the default storage credentials and configuration
 * @param key the key in the storage secret for this object
 * @param schemaPath the path of the model schema file in the storage
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelStorageSpec(
    String path,
    Map<String, String> parameters,
    String key,
    String schemaPath,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public ModelStorageSpec {
    additionalProperties = AdditionalProperties.copyOf(additionalProperties);
  }
}
