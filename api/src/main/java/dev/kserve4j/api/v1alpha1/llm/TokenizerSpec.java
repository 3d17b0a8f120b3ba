package dev.kserve4j.api.v1alpha1.llm;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kserve4j.api.AdditionalProperties;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.Map;

/**
 * The tokenizer sidecar of the scheduler ({@code TokenizerSpec}).
 *
 * @param template the tokenizer's pod template
 * @param additionalProperties fields this type does not declare, kept for the round trip
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenizerSpec(
    PodSpec template, @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public TokenizerSpec {
    additionalProperties = AdditionalProperties.copyOf(additionalProperties);
  }
}
