package dev.kserve4j.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether a step's failure fails the graph ({@code steps[].dependency}). */
public enum StepDependency {
  /** A failure is passed on; the graph goes on (the default). */
  @JsonProperty("Soft")
  SOFT,
  /** A failure ends the graph with that error. */
  @JsonProperty("Hard")
  HARD
}
