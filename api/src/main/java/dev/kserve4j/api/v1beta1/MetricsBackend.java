package dev.kserve4j.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where an external metric is queried ({@code external.metric.backend}). */
public enum MetricsBackend {
  @JsonProperty("prometheus")
  PROMETHEUS,
  @JsonProperty("graphite")
  GRAPHITE
}
