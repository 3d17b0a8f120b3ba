package dev.kserve4j.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.generator.annotation.Required;
import java.util.Objects;

/**
 * The generic predictor ({@code predictor.model}): a model format and, optionally, the runtime to
 * serve it with; KServe picks a runtime that supports the format when none is named.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ModelSpec extends PredictorExtensionSpec {
  @Required
  @JsonProperty("modelFormat")
  private ModelFormat modelFormat;

  @JsonProperty("runtime")
  private String runtime;

  /** The format being served. */
  public ModelFormat getModelFormat() {
    return modelFormat;
  }

  public void setModelFormat(ModelFormat modelFormat) {
    this.modelFormat = modelFormat;
  }

  /** The ServingRuntime or ClusterServingRuntime to use. */
  public String getRuntime() {
    return runtime;
  }

  public void setRuntime(String runtime) {
    this.runtime = runtime;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ModelSpec that
        && super.equals(o)
        && Objects.equals(modelFormat, that.modelFormat)
        && Objects.equals(runtime, that.runtime);
  }

  @Override
  public int hashCode() {
    return Objects.hash(super.hashCode(), modelFormat, runtime);
  }
}
