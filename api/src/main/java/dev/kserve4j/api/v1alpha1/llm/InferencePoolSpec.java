package dev.kserve4j.api.v1alpha1.llm;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kserve4j.api.AdditionalProperties;
import java.util.Map;

/**
 * The pods an InferencePool balances over (Gateway API Inference Extension v1alpha2 {@code
 * InferencePoolSpec}).
 *
 * @param selector the labels of the model server pods
 * @param targetPortNumber the model servers' port
 * @param extensionRef the endpoint picker
 * @param additionalProperties fields this type does not declare, kept for the round trip
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InferencePoolSpec(
    Map<String, String> selector,
    Integer targetPortNumber,
    ExtensionReference extensionRef,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public InferencePoolSpec {
    additionalProperties = AdditionalProperties.copyOf(additionalProperties);
  }
}
