package dev.kserve4j.api.v1alpha1.llm;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How the endpoint picker treats a model's requests under load ({@code Criticality}): critical
 * requests are served first, sheddable ones are dropped first.
 */
public enum Criticality {
  @JsonProperty("Critical")
  CRITICAL,
  @JsonProperty("Standard")
  STANDARD,
  @JsonProperty("Sheddable")
  SHEDDABLE
}
