package dev.kserve4j.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The transformer of an InferenceService ({@code spec.transformer}): pre- and post-processing
 * containers that call the predictor; only the fields of {@link ComponentSpec}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TransformerSpec extends ComponentSpec {
  @Override
  public boolean equals(Object o) {
    return o instanceof TransformerSpec && super.equals(o);
  }

  @Override
  public int hashCode() {
    return super.hashCode();
  }
}
