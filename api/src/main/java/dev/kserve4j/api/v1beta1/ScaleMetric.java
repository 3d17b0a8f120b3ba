package dev.kserve4j.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The metric an autoscaler watches ({@code scaleMetric}). */
public enum ScaleMetric {
  @JsonProperty("cpu")
  CPU,
  @JsonProperty("memory")
  MEMORY,
  /** In-flight requests per replica (Knative). */
  @JsonProperty("concurrency")
  CONCURRENCY,
  /** Requests per second per replica (Knative). */
  @JsonProperty("rps")
  RPS
}
