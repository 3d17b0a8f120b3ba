package dev.kserve4j.api.v1alpha1.llm;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kserve4j.api.AdditionalProperties;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.kubernetes.api.model.AnyType;
import java.util.List;
import java.util.Map;

/**
 * The LoRA adapters served on top of the base model ({@code LoRASpec}).
 *
 * @param adapters the adapters, each a model URI and name (the CRD keeps them schemaless)
 * @param maxRank the largest adapter rank the server accepts
 * @param maxAdapters the most adapters loaded on the GPU at once
 * @param maxCpuAdapters the most adapters kept in CPU memory
 * @param additionalProperties fields this type does not declare, kept for the round trip
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LoRASpec(
    @SchemaFrom(type = AnyType.class) List<LLMModelSpec> adapters,
    Integer maxRank,
    Integer maxAdapters,
    Integer maxCpuAdapters,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public LoRASpec {
    additionalProperties = AdditionalProperties.copyOf(additionalProperties);
  }
}
