package dev.kserve4j.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kserve4j.api.AdditionalProperties;
import java.util.Map;

/**
 * Where the inference logger stores its events ({@code logger.storage}).
 *
 * @param path the path relative to the storage URI
 * @param parameters overrides of the default storage credentials and configuration
 * @param key the key in the storage secret
 * @param serviceAccountName the service account whose credentials write the events
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LoggerStorageSpec(
    String path,
    Map<String, String> parameters,
    String key,
    String serviceAccountName,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public LoggerStorageSpec {
    additionalProperties = AdditionalProperties.copyOf(additionalProperties);
  }
}
