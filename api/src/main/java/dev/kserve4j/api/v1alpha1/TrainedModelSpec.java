package dev.kserve4j.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.generator.annotation.Required;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** The desired state of a TrainedModel: the InferenceService that loads it, and the model. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TrainedModelSpec {
  @Required
  @JsonProperty("inferenceService")
  private String inferenceService;

  @Required
  @JsonProperty("model")
  private ModelSpec model;

  private final Map<String, Object> additionalProperties = new LinkedHashMap<>();

  /** The multi-model InferenceService that serves it. */
  public String getInferenceService() {
    return inferenceService;
  }

  public void setInferenceService(String inferenceService) {
    this.inferenceService = inferenceService;
  }

  /** The model. */
  public ModelSpec getModel() {
    return model;
  }

  public void setModel(ModelSpec model) {
    this.model = model;
  }

  /** The fields of the document this type does not declare, kept for the round trip. */
  @JsonAnyGetter
  public Map<String, Object> getAdditionalProperties() {
    return additionalProperties;
  }

  @JsonAnySetter
  public void setAdditionalProperty(String name, Object value) {
    additionalProperties.put(name, value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TrainedModelSpec that
        && Objects.equals(inferenceService, that.inferenceService)
        && Objects.equals(model, that.model)
        && additionalProperties.equals(that.additionalProperties);
  }

  @Override
  public int hashCode() {
    return Objects.hash(inferenceService, model, additionalProperties);
  }
}
