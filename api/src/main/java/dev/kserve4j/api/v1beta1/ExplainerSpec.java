package dev.kserve4j.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * The explainer of an InferenceService ({@code spec.explainer}): the ART explainer or custom
 * containers, plus the fields of {@link ComponentSpec}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ExplainerSpec extends ComponentSpec {
  @JsonProperty("art")
  private ArtExplainerSpec art;

  /** The ART explainer. */
  public ArtExplainerSpec getArt() {
    return art;
  }

  public void setArt(ArtExplainerSpec art) {
    this.art = art;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ExplainerSpec that && super.equals(o) && Objects.equals(art, that.art);
  }

  @Override
  public int hashCode() {
    return Objects.hash(super.hashCode(), art);
  }
}
