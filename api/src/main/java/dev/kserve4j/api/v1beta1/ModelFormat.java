package dev.kserve4j.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kserve4j.api.AdditionalProperties;
import io.fabric8.generator.annotation.Required;
import java.util.Map;

/**
 * The format of a model: which runtimes can serve it ({@code predictor.model.modelFormat}).
 *
 * @param name the format, e.g. {@code sklearn}, {@code onnx}, {@code xgboost}
 * @param version {@code major}, {@code major.minor} or {@code major.minor.patch}; matched against a
 *     runtime's supported versions
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelFormat(
    @Required String name,
    String version,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public ModelFormat {
    additionalProperties = AdditionalProperties.copyOf(additionalProperties);
  }

  public ModelFormat(String name, String version) {
    this(name, version, Map.of());
  }
}
