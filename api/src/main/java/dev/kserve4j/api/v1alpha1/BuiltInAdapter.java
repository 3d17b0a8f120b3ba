package dev.kserve4j.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kserve4j.api.AdditionalProperties;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.List;
import java.util.Map;

/**
 * The ModelMesh adapter that drives a known model server ({@code builtInAdapter}).
 *
 * @param serverType the model server
 * @param runtimeManagementPort the port the model server is managed on
 * @param memBufferBytes memory held back from model loading, in bytes
 * @param modelLoadingTimeoutMillis the timeout of one model load, in milliseconds
 * @param env environment of the adapter
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BuiltInAdapter(
    ServerType serverType,
    Integer runtimeManagementPort,
    Integer memBufferBytes,
    Integer modelLoadingTimeoutMillis,
    List<EnvVar> env,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public BuiltInAdapter {
    additionalProperties = AdditionalProperties.copyOf(additionalProperties);
  }
}
