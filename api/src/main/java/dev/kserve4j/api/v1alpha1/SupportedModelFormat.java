package dev.kserve4j.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kserve4j.api.AdditionalProperties;
import io.fabric8.generator.annotation.Required;
import java.util.Map;

/**
 * A model format a runtime can serve ({@code supportedModelFormats[]}).
 *
 * @param name the format, matched against {@code predictor.model.modelFormat.name}
 * @param version the format version: {@code major}, {@code major.minor} or {@code
 *     major.minor.patch}
 * @param autoSelect whether the runtime may be chosen for this format when a predictor names no
 *     runtime
 * @param priority the preference among auto-selectable runtimes of the format, higher first; needs
 *     {@code autoSelect}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SupportedModelFormat(
    @Required String name,
    String version,
    Boolean autoSelect,
    Integer priority,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public SupportedModelFormat {
    additionalProperties = AdditionalProperties.copyOf(additionalProperties);
  }

  public SupportedModelFormat(String name, String version, Boolean autoSelect, Integer priority) {
    this(name, version, autoSelect, priority, Map.of());
  }
}
