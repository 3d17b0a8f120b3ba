package dev.kserve4j.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The kind of ART explainer ({@code explainer.art.type}). */
public enum ArtExplainerType {
  /** The Square Attack adversarial explainer. */
  @JsonProperty("SquareAttack")
  SQUARE_ATTACK
}
