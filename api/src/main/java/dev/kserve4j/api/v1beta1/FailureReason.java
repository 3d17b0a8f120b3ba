package dev.kserve4j.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Why a model last failed ({@code lastFailureInfo.reason}). */
public enum FailureReason {
  @JsonProperty("ModelLoadFailed")
  MODEL_LOAD_FAILED,
  @JsonProperty("RuntimeUnhealthy")
  RUNTIME_UNHEALTHY,
  @JsonProperty("RuntimeDisabled")
  RUNTIME_DISABLED,
  /** No runtime supports the model format. */
  @JsonProperty("NoSupportingRuntime")
  NO_SUPPORTING_RUNTIME,
  /** The named runtime does not exist. */
  @JsonProperty("RuntimeNotRecognized")
  RUNTIME_NOT_RECOGNIZED,
  @JsonProperty("InvalidPredictorSpec")
  INVALID_PREDICTOR_SPEC,
  /** A multi-node runtime without a worker spec. */
  @JsonProperty("InvalidWorkerSpecNotSet")
  INVALID_WORKER_SPEC_NOT_SET,
  @JsonProperty("InvalidGPUAllocation")
  INVALID_GPU_ALLOCATION
}
