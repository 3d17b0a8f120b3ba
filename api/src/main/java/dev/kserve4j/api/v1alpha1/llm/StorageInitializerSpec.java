package dev.kserve4j.api.v1alpha1.llm;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kserve4j.api.AdditionalProperties;
import java.util.Map;

/**
 * Whether the storage initializer downloads the model ({@code StorageInitializerSpec}).
 *
 * @param enabled false to skip the download (the model server fetches the model itself); default
 *     true
 * @param additionalProperties fields this type does not declare, kept for the round trip
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StorageInitializerSpec(
    Boolean enabled, @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public StorageInitializerSpec {
    additionalProperties = AdditionalProperties.copyOf(additionalProperties);
  }
}
