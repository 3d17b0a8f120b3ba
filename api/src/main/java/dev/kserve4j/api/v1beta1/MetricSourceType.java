package dev.kserve4j.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The kind of metric an autoscaling rule reads ({@code autoScaling.metrics[].type}). */
public enum MetricSourceType {
  /** A resource of the pods: cpu or memory. */
  @JsonProperty("Resource")
  RESOURCE,
  /** A metric from outside the cluster objects (Prometheus, Graphite). */
  @JsonProperty("External")
  EXTERNAL,
  /** A metric of each pod (OpenTelemetry). */
  @JsonProperty("PodMetric")
  POD_METRIC
}
