package dev.kserve4j.api.validation;

import dev.kserve4j.api.v1beta1.ComponentSpec;
import dev.kserve4j.api.v1beta1.LoggerStorageSpec;
import dev.kserve4j.api.v1beta1.MetricTarget;
import dev.kserve4j.api.v1beta1.MetricTargetType;
import dev.kserve4j.api.v1beta1.MetricsSpec;
import dev.kserve4j.api.v1beta1.ResourceMetric;
import dev.kserve4j.api.v1beta1.ScaleMetric;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.List;
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
 *
 * <p>{@code autoScaling.metrics}: KEDA takes KServe's rules (Resource, External, PodMetric). The
 * HPA takes Resource (Utilization or AverageValue) as KServe does, and, unlike KServe, which
 * accepts only Resource there, External and PodMetric too, rendered as autoscaling/v2 External and
 * Pods sources; those need a query (PodMetric: or a metric name) and a Value or AverageValue
 * target.
 */
final class ComponentValidator {
  static final String AUTOSCALER_CLASS = "serving.kserve.io/autoscalerClass";
  private static final String KNATIVE_CLASS = "autoscaling.knative.dev/class";
  private static final String KNATIVE_HPA = "hpa.autoscaling.knative.dev";
  private static final Set<ScaleMetric> HPA_METRICS = Set.of(ScaleMetric.CPU, ScaleMetric.MEMORY);
  private static final Set<ScaleMetric> KPA_METRICS =
      Set.of(ScaleMetric.CONCURRENCY, ScaleMetric.RPS);

  private static final BigDecimal ONE_MIB = BigDecimal.valueOf(1024L * 1024L);

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
        case "keda" -> validateKeda(c, path, out);
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
    for (int i = 0; i < metrics(c).size(); i++) {
      MetricsSpec m = metrics(c).get(i);
      String at = path + ".autoScaling.metrics[" + i + "]";
      if (m == null || m.type() == null) {
        out.add(at + ".type", null, "the metric source type should be set");
        continue;
      }
      switch (m.type()) {
        case RESOURCE -> {
          if (m.resource() == null) {
            out.add(
                at + ".resource",
                null,
                "metricSpec.Resource is not set for resource metric source type");
          } else if (m.resource().target() == null || m.resource().target().type() == null) {
            out.add(at + ".resource.target", null, "the resource target type should be set");
          } else if (m.resource().target().type() == MetricTargetType.VALUE) {
            out.add(
                at + ".resource.target.type",
                "Value",
                "the resource target value type should be Utilization or AverageValue");
          } else {
            scaleTarget(m.resource().target(), at + ".resource.target", out);
          }
        }
        case EXTERNAL -> {
          if (m.external() == null) {
            out.add(
                at + ".external",
                null,
                "metricSpec.External is not set for external metric source type");
          } else {
            query(
                (m.external().metric() == null ? null : m.external().metric().query()),
                at + ".external.metric.query",
                out);
            quantityTarget(m.external().target(), at + ".external.target", out);
          }
        }
        case POD_METRIC -> {
          if (m.podmetric() == null) {
            out.add(
                at + ".podmetric",
                null,
                "metricSpec.PodMetric is not set for pod metric source type");
          } else {
            List<String> names =
                m.podmetric().metric() == null ? null : m.podmetric().metric().metricNames();
            if (names == null || names.isEmpty()) {
              query(
                  (m.podmetric().metric() == null ? null : m.podmetric().metric().query()),
                  at + ".podmetric.metric.query",
                  out);
            }
            quantityTarget(m.podmetric().target(), at + ".podmetric.target", out);
          }
        }
      }
    }
  }

  /**
   * KServe's KEDA rules: Resource cpu in Utilization, memory in AverageValue (at least 1Mi) or
   * Utilization; External and PodMetric with a query and a target value.
   */
  private static void validateKeda(ComponentSpec c, String path, ValidationResult.Builder out) {
    if (c.getScaleMetric() != null) {
      out.add(
          path + ".scaleMetric",
          metricName(c.getScaleMetric()),
          "ScaleMetric is not supported for KEDA");
    }
    for (int i = 0; i < metrics(c).size(); i++) {
      MetricsSpec m = metrics(c).get(i);
      String at = path + ".autoScaling.metrics[" + i + "]";
      if (m == null || m.type() == null) {
        out.add(at + ".type", null, "the metric source type should be set");
        continue;
      }
      switch (m.type()) {
        case RESOURCE -> {
          if (m.resource() == null) {
            out.add(
                at + ".resource",
                null,
                "metricSpec.Resource is not set for resource metric source type");
            continue;
          }
          MetricTarget t = m.resource().target();
          String tp = at + ".resource.target";
          if (t == null || t.type() == null) {
            out.add(tp, null, "the resource target type should be set");
            continue;
          }
          if (m.resource().name() == ResourceMetric.CPU
              && t.type() != MetricTargetType.UTILIZATION) {
            out.add(tp + ".type", t.type(), "the cpu target value type should be Utilization");
          } else if (m.resource().name() == ResourceMetric.MEMORY
              && t.type() == MetricTargetType.VALUE) {
            out.add(
                tp + ".type",
                t.type(),
                "the memory target value type should be AverageValue or Utilization");
          } else if (m.resource().name() == ResourceMetric.MEMORY
              && t.type() == MetricTargetType.AVERAGE_VALUE
              && t.averageValue() != null
              && Quantity.getAmountInBytes(t.averageValue()).compareTo(ONE_MIB) < 0) {
            out.add(
                tp + ".averageValue",
                t.averageValue().toString(),
                "the memory target value should be greater than 1 MiB");
          } else {
            scaleTarget(t, tp, out);
          }
        }
        case EXTERNAL -> {
          if (m.external() == null) {
            out.add(
                at + ".external",
                null,
                "metricSpec.External is not set for external metric source type");
          } else {
            query(
                (m.external().metric() == null ? null : m.external().metric().query()),
                at + ".external.metric.query",
                out);
            valueTarget(m.external().target(), at + ".external.target", out);
          }
        }
        case POD_METRIC -> {
          if (m.podmetric() == null) {
            out.add(
                at + ".podmetric",
                null,
                "metricSpec.PodMetric is not set for pod metric source type");
          } else {
            query(
                (m.podmetric().metric() == null ? null : m.podmetric().metric().query()),
                at + ".podmetric.metric.query",
                out);
            valueTarget(m.podmetric().target(), at + ".podmetric.target", out);
          }
        }
      }
    }
  }

  private static List<MetricsSpec> metrics(ComponentSpec c) {
    return c.getAutoScaling() == null || c.getAutoScaling().metrics() == null
        ? List.of()
        : c.getAutoScaling().metrics();
  }

  private static void query(String query, String at, ValidationResult.Builder out) {
    if (query == null || query.isEmpty()) {
      out.add(at, query, "the query should not be empty");
    }
  }

  /** KServe's KEDA external target: a {@code value} threshold, then the type's own field. */
  private static void valueTarget(MetricTarget t, String at, ValidationResult.Builder out) {
    if (t == null || t.value() == null) {
      out.add(at + ".value", null, "the target threshold value should not be empty");
    } else {
      scaleTarget(t, at, out);
    }
  }

  /**
   * An HPA Pods or External target: {@code Value} or {@code AverageValue} with its quantity
   * (autoscaling/v2 has no utilization for them).
   */
  private static void quantityTarget(MetricTarget t, String at, ValidationResult.Builder out) {
    if (t == null) {
      out.add(at + ".value", null, "the target threshold value should not be empty");
    } else if (t.type() == MetricTargetType.UTILIZATION) {
      out.add(
          at + ".type",
          "Utilization",
          "the target value type should be Value or AverageValue for a non-resource metric");
    } else if (t.value() == null && t.averageValue() == null) {
      out.add(at + ".value", null, "the target threshold value should not be empty");
    }
  }

  /** KServe's {@code validateScaleTarget}: the field the target's type names is set and sane. */
  private static void scaleTarget(MetricTarget t, String at, ValidationResult.Builder out) {
    if (t == null || t.type() == null) {
      return;
    }
    switch (t.type()) {
      case UTILIZATION -> {
        if (t.averageUtilization() == null) {
          out.add(at + ".averageUtilization", null, "the AverageUtilization type should be set");
        } else if (t.averageUtilization() < 1 || t.averageUtilization() > 100) {
          out.add(
              at + ".averageUtilization",
              t.averageUtilization(),
              "the target utilization percentage should be a [1-100] integer");
        }
      }
      case AVERAGE_VALUE -> {
        if (t.averageValue() == null) {
          out.add(at + ".averageValue", null, "the AverageValue type should be set");
        }
      }
      case VALUE -> {
        if (t.value() == null) {
          out.add(at + ".value", null, "the Value type should be set");
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
    if (c.getScaleTarget() != null && c.getScaleTarget() < 1) {
      // KServe checks rps; Knative refuses a concurrency target under 0.01 all the same.
      out.add(
          path + ".scaleTarget",
          c.getScaleTarget(),
          "the target for " + metricName(metric) + " should be greater than 1");
    }
  }

  /** The metric as written in the document ({@code cpu}, {@code rps}, ...). */
  static String metricName(ScaleMetric metric) {
    return metric.name().toLowerCase(java.util.Locale.ROOT);
  }
}
