package dev.kserve4j.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a model is in its rollout ({@code modelStatus.transitionStatus}). */
public enum TransitionStatus {
  /** Not yet reported (Go's zero value). */
  @JsonProperty("")
  UNSET,
  /** The predictor serves the latest spec. */
  @JsonProperty("UpToDate")
  UP_TO_DATE,
  /** A new revision is being rolled out. */
  @JsonProperty("InProgress")
  IN_PROGRESS,
  /** The latest revision failed to load. */
  @JsonProperty("BlockedByFailedLoad")
  BLOCKED_BY_FAILED_LOAD,
  /** The spec cannot be served. */
  @JsonProperty("InvalidSpec")
  INVALID_SPEC
}
