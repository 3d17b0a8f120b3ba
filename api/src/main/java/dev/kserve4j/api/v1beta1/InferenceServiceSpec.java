package dev.kserve4j.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.generator.annotation.Required;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The desired state of an InferenceService: a predictor and, optionally, a transformer, an
 * explainer and canary variants.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class InferenceServiceSpec {
  @Required
  @JsonProperty("predictor")
  private PredictorSpec predictor;

  @JsonProperty("explainer")
  private ExplainerSpec explainer;

  @JsonProperty("transformer")
  private TransformerSpec transformer;

  @JsonProperty("canary")
  private List<CanarySpec> canary;

  private final Map<String, Object> additionalProperties = new LinkedHashMap<>();

  /** The model server. */
  public PredictorSpec getPredictor() {
    return predictor;
  }

  public void setPredictor(PredictorSpec predictor) {
    this.predictor = predictor;
  }

  /** The explanation service; it calls the transformer when there is one, else the predictor. */
  public ExplainerSpec getExplainer() {
    return explainer;
  }

  public void setExplainer(ExplainerSpec explainer) {
    this.explainer = explainer;
  }

  /** Pre- and post-processing in front of the predictor. */
  public TransformerSpec getTransformer() {
    return transformer;
  }

  public void setTransformer(TransformerSpec transformer) {
    this.transformer = transformer;
  }

  /** Canary variants of the predictor and their traffic shares. */
  public List<CanarySpec> getCanary() {
    return canary;
  }

  public void setCanary(List<CanarySpec> canary) {
    this.canary = canary;
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
    return o instanceof InferenceServiceSpec that
        && Objects.equals(predictor, that.predictor)
        && Objects.equals(explainer, that.explainer)
        && Objects.equals(transformer, that.transformer)
        && Objects.equals(canary, that.canary)
        && additionalProperties.equals(that.additionalProperties);
  }

  @Override
  public int hashCode() {
    return Objects.hash(predictor, explainer, transformer, canary, additionalProperties);
  }
}
