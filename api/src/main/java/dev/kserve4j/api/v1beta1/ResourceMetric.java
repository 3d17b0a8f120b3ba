package dev.kserve4j.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A resource an autoscaling rule can read ({@code resource.name}). */
public enum ResourceMetric {
  @JsonProperty("cpu")
  CPU,
  @JsonProperty("memory")
  MEMORY
}
