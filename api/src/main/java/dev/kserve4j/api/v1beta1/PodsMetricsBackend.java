package dev.kserve4j.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a pod metric is queried ({@code podmetric.metric.backend}). */
public enum PodsMetricsBackend {
  @JsonProperty("opentelemetry")
  OPENTELEMETRY
}
