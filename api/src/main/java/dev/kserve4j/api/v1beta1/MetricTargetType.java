package dev.kserve4j.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a metric target is expressed ({@code scaleMetricType}, {@code target.type}). */
public enum MetricTargetType {
  /** A percentage of the requested resource. */
  @JsonProperty("Utilization")
  UTILIZATION,
  /** A raw value. */
  @JsonProperty("Value")
  VALUE,
  /** A value averaged over the replicas. */
  @JsonProperty("AverageValue")
  AVERAGE_VALUE
}
