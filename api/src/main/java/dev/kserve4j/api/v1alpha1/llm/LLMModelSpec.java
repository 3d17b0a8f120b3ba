package dev.kserve4j.api.v1alpha1.llm;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kserve4j.api.AdditionalProperties;
import io.fabric8.generator.annotation.Required;
import java.util.Map;

/**
 * The model an LLMInferenceService serves ({@code LLMModelSpec}).
 *
 * @param uri where the weights are: {@code hf://org/repo[/file]}, {@code s3://}, {@code pvc://},
 *     {@code oci://} or {@code oci+native://} (required)
 * @param name the name clients use in OpenAI requests; default: the resource's name
 * @param criticality how the scheduler treats its requests under load
 * @param lora the LoRA adapters served on top of it
 * @param additionalProperties fields this type does not declare, kept for the round trip
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LLMModelSpec(
    @Required String uri,
    String name,
    Criticality criticality,
    LoRASpec lora,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public LLMModelSpec {
    additionalProperties = AdditionalProperties.copyOf(additionalProperties);
  }

  public LLMModelSpec(String uri, String name) {
    this(uri, name, null, null, Map.of());
  }
}
