package dev.kserve4j.api.validation;

import dev.kserve4j.api.v1beta1.ComponentSpec;
import dev.kserve4j.api.v1beta1.LoggerStorageSpec;
import dev.kserve4j.api.v1beta1.MetricSourceType;
import dev.kserve4j.api.v1beta1.MetricsSpec;
import dev.kserve4j.api.v1beta1.ScaleMetric;
import java.util.Map;
import java.util.Set;

/**
 * Checks the fields every InferenceService component shares: replicas, concurrency, canary share,
 * logger storage and the autoscaling fields the component's autoscaler accepts ({@code
 * component.go} and {@code validateAutoScalingCompExtension} in KServe's {@code
 * inference_service_validation.go}).
 *
 * <p>The autoscaler follows the annotations: in {@code Standard} mode the {@code
 * serving.kserve.io/autoscalerClass} ({@code hpa} or {@code keda}; others are not checked);
 * otherwise Knative's, where {@code autoscaling.knative.dev/class: hpa.autoscaling.knative.dev}
 * means HPA rules and anything else the Knative Pod Autoscaler's.
 */
final class ComponentValidator {
  static final String AUTOSCALER_CLASS = "serving.kserve.io/autoscalerClass";
  private static final String KNATIVE_CLASS = "autoscaling.knative.dev/class";
  private static final String KNATIVE_HPA = "hpa.autoscaling.knative.dev";
  private static final Set<ScaleMetric> HPA_METRICS = Set.of(ScaleMetric.CPU, ScaleMetric.MEMORY);
  private static final Set<ScaleMetric> KPA_METRICS =
      Set.of(ScaleMetric.CONCURRENCY, ScaleMetric.RPS);

  private ComponentValidator() {}

  static void validate(
      ComponentSpec c, String path, Map<String, String> annotations, ValidationResult.Builder out) {
    int min =
        c.getMinReplicas() == null
            ? InferenceServiceDefaulter.DEFAULT_MIN_REPLICAS
            : c.getMinReplicas();
    int max = c.getMaxReplicas() == null ? 0 : c.getMaxReplicas();
    if (min < 0) {
      out.add(path + ".minReplicas", min, "'MinReplicas' cannot be less than 0");
    }
    if (max < 0) {
      out.add(path + ".maxReplicas", max, "'MaxReplicas' cannot be less than 0");
    }
    if (min >= 0 && max > 0 && min > max) {
      out.add(
          path + ".minReplicas",
          min,
          "'MinReplicas' cannot be greater than MaxReplicas (maxReplicas: " + max + ")");
    }
    if (c.getContainerConcurrency() != null && c.getContainerConcurrency() < 0) {
      out.add(
          path + ".containerConcurrency",
          c.getContainerConcurrency(),
          "parallelism cannot be less than 0");
    }
    Long canary = c.getCanaryTrafficPercent();
    if (canary != null && (canary < 0 || canary > 100)) {
      out.add(path + ".canaryTrafficPercent", canary, "expected: an integer from 0 to 100");
    }
    LoggerStorageSpec storage = c.getLogger() == null ? null : c.getLogger().storage();
    if (storage != null
        && (storage.path() == null || storage.parameters() == null || storage.key() == null)) {
      out.add(
          path + ".logger.storage",
          null,
          "invalid logger storage configuration (expected: path, parameters and key)");
    }
    validateAutoscaling(c, path, annotations, out);
  }

  private static void validateAutoscaling(
      ComponentSpec c, String path, Map<String, String> annotations, ValidationResult.Builder out) {
    if ("Standard".equals(annotations.get(InferenceServiceDefaulter.DEPLOYMENT_MODE))) {
      switch (annotations.getOrDefault(AUTOSCALER_CLASS, "")) {
        case "hpa" -> validateHpa(c, path, out);
        case "keda" -> {
          if (c.getScaleMetric() != null) {
            out.add(
                path + ".scaleMetric",
                metricName(c.getScaleMetric()),
                "ScaleMetric is not supported for KEDA");
          }
        }
        default -> {}
      }
    } else if (KNATIVE_HPA.equals(annotations.get(KNATIVE_CLASS))) {
      validateHpa(c, path, out);
    } else {
      validateKpa(c, path, out);
    }
  }

  private static void validateHpa(ComponentSpec c, String path, ValidationResult.Builder out) {
    ScaleMetric metric = c.getScaleMetric() == null ? ScaleMetric.CPU : c.getScaleMetric();
    if (!HPA_METRICS.contains(metric)) {
      out.add(
          path + ".scaleMetric",
          metricName(metric),
          "[" + metricName(metric) + "] is not a supported metric (expected: cpu or memory)");
    }
    Integer target = c.getScaleTarget();
    if (target != null && metric == ScaleMetric.CPU && (target < 1 || target > 100)) {
      out.add(
          path + ".scaleTarget",
          target,
          "the target utilization percentage should be a [1-100] integer");
    }
    if (target != null && metric == ScaleMetric.MEMORY && target < 1) {
      out.add(path + ".scaleTarget", target, "the target memory should be greater than 1 MiB");
    }
    if (c.getAutoScaling() != null && c.getAutoScaling().metrics() != null) {
      int i = 0;
      for (MetricsSpec m : c.getAutoScaling().metrics()) {
        String at = path + ".autoScaling.metrics[" + i++ + "]";
        if (m.type() != MetricSourceType.RESOURCE) {
          out.add(
              at + ".type",
              m.type(),
              "invalid HPA metric source type, valid metric source types are Resource");
        } else if (m.resource() == null) {
          out.add(
              at + ".resource",
              null,
              "metricSpec.Resource is not set for resource metric source type");
        }
      }
    }
  }

  private static void validateKpa(ComponentSpec c, String path, ValidationResult.Builder out) {
    if (c.getDeploymentStrategy() != null) {
      out.add(
          path + ".deploymentStrategy",
          null,
          "customizing deploymentStrategy is only supported for raw deployment mode");
    }
    ScaleMetric metric = c.getScaleMetric() == null ? ScaleMetric.CONCURRENCY : c.getScaleMetric();
    if (!KPA_METRICS.contains(metric)) {
      out.add(
          path + ".scaleMetric",
          metricName(metric),
          "[" + metricName(metric) + "] is not a supported metric (expected: concurrency or rps)");
    }
    if (metric == ScaleMetric.RPS && c.getScaleTarget() != null && c.getScaleTarget() < 1) {
      out.add(
          path + ".scaleTarget", c.getScaleTarget(), "the target for rps should be greater than 1");
    }
  }

  /** The metric as written in the document ({@code cpu}, {@code rps}, ...). */
  static String metricName(ScaleMetric metric) {
    return metric.name().toLowerCase(java.util.Locale.ROOT);
  }
}
