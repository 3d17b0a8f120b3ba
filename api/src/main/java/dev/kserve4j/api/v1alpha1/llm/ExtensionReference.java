package dev.kserve4j.api.v1alpha1.llm;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kserve4j.api.AdditionalProperties;
import java.util.Map;

/**
 * The endpoint picker an InferencePool calls (Gateway API Inference Extension v1alpha2 {@code
 * Extension}).
 *
 * @param group the picker's API group; empty for core
 * @param kind its kind, {@code Service} by default
 * @param name its name
 * @param portNumber the port it listens on
 * @param failureMode {@code FailOpen} or {@code FailClose}: what the gateway does when the picker
 *     fails
 * @param additionalProperties fields this type does not declare, kept for the round trip
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExtensionReference(
    String group,
    String kind,
    String name,
    Integer portNumber,
    String failureMode,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public ExtensionReference {
    additionalProperties = AdditionalProperties.copyOf(additionalProperties);
  }
}
