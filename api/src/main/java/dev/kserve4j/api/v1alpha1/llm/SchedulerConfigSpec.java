package dev.kserve4j.api.v1alpha1.llm;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.kserve4j.api.AdditionalProperties;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.kubernetes.api.model.ConfigMapKeySelector;
import java.util.Map;

/**
 * The endpoint picker's configuration ({@code SchedulerConfigSpec}): inline or in a ConfigMap,
 * exactly one.
 *
 * @param inline the configuration document itself
 * @param ref the ConfigMap key that holds it
 * @param additionalProperties fields this type does not declare, kept for the round trip
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SchedulerConfigSpec(
    @SchemaFrom(type = SchedulerConfigSpec.AnyObject.class) JsonNode inline,
    ConfigMapKeySelector ref,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public SchedulerConfigSpec {
    additionalProperties = AdditionalProperties.copyOf(additionalProperties);
  }

  /**
   * The CRD schema of {@code inline}: an object of any fields, as KServe's {@code
   * runtime.RawExtension}.
   */
  @PreserveUnknownFields
  record AnyObject() {}
}
