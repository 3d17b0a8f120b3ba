package dev.kserve4j.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The state of a model in a revision ({@code modelStatus.states}). */
public enum ModelState {
  /** Not yet reported (Go's zero value). */
  @JsonProperty("")
  UNSET,
  /** Not yet loading. */
  @JsonProperty("Pending")
  PENDING,
  /** Available to load (multi-model serving). */
  @JsonProperty("Standby")
  STANDBY,
  @JsonProperty("Loading")
  LOADING,
  @JsonProperty("Loaded")
  LOADED,
  @JsonProperty("FailedToLoad")
  FAILED_TO_LOAD
}
