package dev.kserve4j.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The model server behind a ModelMesh built-in adapter ({@code builtInAdapter.serverType}). */
public enum ServerType {
  @JsonProperty("triton")
  TRITON,
  @JsonProperty("mlserver")
  MLSERVER,
  /** OpenVINO Model Server. */
  @JsonProperty("ovms")
  OVMS
}
