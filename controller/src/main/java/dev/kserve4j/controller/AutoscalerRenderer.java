package dev.kserve4j.controller;

import dev.kserve4j.api.v1beta1.AutoScalingSpec;
import dev.kserve4j.api.v1beta1.ExternalMetricSource;
import dev.kserve4j.api.v1beta1.MetricTarget;
import dev.kserve4j.api.v1beta1.MetricTargetType;
import dev.kserve4j.api.v1beta1.MetricsBackend;
import dev.kserve4j.api.v1beta1.MetricsSpec;
import dev.kserve4j.api.v1beta1.PodMetricSource;
import dev.kserve4j.api.v1beta1.ResourceMetric;
import dev.kserve4j.api.v1beta1.ResourceMetricSource;
import dev.kserve4j.plan.ComponentPlan;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpecBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricTargetBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A component's autoscaler, chosen by the {@code serving.kserve.io/autoscalerClass} annotation:
 * {@code hpa} (the default) an {@code autoscaling/v2} HorizontalPodAutoscaler, {@code keda} a KEDA
 * {@code ScaledObject}, {@code external} or {@code none} nothing.
 *
 * <p>Without {@code spec.<component>.autoScaling} both watch the plan's {@code scaleMetric} (cpu or
 * memory) as average utilization, KServe's default 80%. With it, as KServe's HPA and KEDA
 * reconcilers render it: the HPA gets one Resource metric per {@code Resource} entry (cpu as
 * utilization, 80% unless given; memory as utilization or average value; External and PodMetric
 * entries are KEDA's, refused for the HPA at admission as KServe's webhook does); the ScaledObject
 * gets one trigger per entry: {@code cpu}/{@code memory} with the target's type and value, {@code
 * prometheus} or {@code graphite} for External (serverAddress, query, threshold, prometheus's
 * namespace, authModes, and {@code authenticationRef} naming a KEDA TriggerAuthentication), and
 * {@code external} for an OpenTelemetry PodMetric (the query summed over the component's namespace
 * and deployment, sent to the OpenTelemetry scaler), with {@code autoScaling.behavior}'s
 * stabilization windows as its HPA's behavior.
 */
final class AutoscalerRenderer {
  static final String AUTOSCALER_CLASS = "serving.kserve.io/autoscalerClass";
  private static final int DEFAULT_UTILIZATION = 80;

  /** KServe's default {@code opentelemetryCollector.metricScalerEndpoint}. */
  static final String DEFAULT_OTEL_SCALER = "keda-otel-scaler.keda.svc:4318";

  /** The object, if the class asks for one; {@code meta} is the component's metadata. */
  Optional<HasMetadata> render(ComponentPlan component, ObjectMeta meta, String autoscalerClass) {
    return render(component, meta, autoscalerClass, null);
  }

  /**
   * As {@link #render(ComponentPlan, ObjectMeta, String)}, with the component's {@code autoScaling}
   * (null when unset).
   */
  Optional<HasMetadata> render(
      ComponentPlan component,
      ObjectMeta meta,
      String autoscalerClass,
      AutoScalingSpec autoScaling) {
    String cls = autoscalerClass == null ? "hpa" : autoscalerClass;
    List<MetricsSpec> metrics =
        autoScaling == null || autoScaling.metrics() == null ? null : autoScaling.metrics();
    return switch (cls) {
      case "hpa" ->
          Optional.of(
              metrics == null ? hpa(component, meta) : hpa(component, meta, hpaMetrics(metrics)));
      case "keda" -> Optional.of(keda(component, meta, autoScaling));
      case "external", "none" -> Optional.empty();
      default ->
          throw new IllegalArgumentException(
              "annotation "
                  + AUTOSCALER_CLASS
                  + " '"
                  + cls
                  + "' is not supported in Standard mode (expected hpa, keda, external or none)");
    };
  }

  /**
   * Whether the class leaves the replica count to another controller from the start (KEDA may scale
   * to zero).
   */
  static boolean ownsReplicas(String autoscalerClass) {
    return "keda".equals(autoscalerClass);
  }

  /**
   * KServe's HPA: {@code minReplicas} at least 1, {@code maxReplicas} at least {@code minReplicas}.
   */
  static int hpaMin(ComponentPlan component) {
    return Math.max(component.minReplicas(), 1);
  }

  private static HasMetadata hpa(ComponentPlan component, ObjectMeta meta) {
    return hpa(
        component,
        meta,
        List.of(
            new MetricSpecBuilder()
                .withType("Resource")
                .withNewResource()
                .withName(resource(component))
                .withNewTarget()
                .withType("Utilization")
                .withAverageUtilization(target(component))
                .endTarget()
                .endResource()
                .build()));
  }

  private static HasMetadata hpa(
      ComponentPlan component, ObjectMeta meta, List<MetricSpec> metrics) {
    int min = hpaMin(component);
    return new HorizontalPodAutoscalerBuilder()
        .withMetadata(meta)
        .withNewSpec()
        .withNewScaleTargetRef()
        .withApiVersion("apps/v1")
        .withKind("Deployment")
        .withName(component.name())
        .endScaleTargetRef()
        .withMinReplicas(min)
        .withMaxReplicas(Math.max(component.maxReplicas(), min))
        .withMetrics(metrics)
        .endSpec()
        .build();
  }

  /** KServe's {@code getHPAMetrics}: the Resource entries, cpu as utilization (80% by default). */
  private static List<MetricSpec> hpaMetrics(List<MetricsSpec> metrics) {
    List<MetricSpec> out = new ArrayList<>();
    for (MetricsSpec m : metrics) {
      ResourceMetricSource r = m.resource();
      if (r == null) {
        continue;
      }
      MetricTarget t = r.target();
      MetricTargetBuilder target = new MetricTargetBuilder();
      if (r.name() == ResourceMetric.CPU) {
        target
            .withType("Utilization")
            .withAverageUtilization(
                t == null || t.averageUtilization() == null
                    ? DEFAULT_UTILIZATION
                    : t.averageUtilization());
      } else if (t != null && t.type() == MetricTargetType.AVERAGE_VALUE) {
        target.withType("AverageValue").withAverageValue(t.averageValue());
      } else if (t != null && t.type() == MetricTargetType.UTILIZATION) {
        target.withType("Utilization").withAverageUtilization(t.averageUtilization());
      }
      out.add(
          new MetricSpecBuilder()
              .withType("Resource")
              .withNewResource()
              .withName(r.name() == ResourceMetric.CPU ? "cpu" : "memory")
              .withTarget(target.build())
              .endResource()
              .build());
    }
    return out;
  }

  /**
   * A ScaledObject ({@code keda.sh/v1alpha1}); {@code minReplicaCount} 0 lets KEDA scale to zero.
   */
  private static HasMetadata keda(
      ComponentPlan component, ObjectMeta meta, AutoScalingSpec autoScaling) {
    int min = Math.max(component.minReplicas(), 0);
    List<Map<String, Object>> triggers;
    if (autoScaling != null && autoScaling.metrics() != null) {
      triggers = new ArrayList<>();
      for (MetricsSpec m : autoScaling.metrics()) {
        triggers.add(kedaTrigger(m, meta));
      }
    } else {
      Map<String, Object> trigger = new LinkedHashMap<>();
      trigger.put("type", resource(component));
      trigger.put("metricType", "Utilization");
      trigger.put("metadata", Map.of("value", String.valueOf(target(component))));
      triggers = List.of(trigger);
    }
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put(
        "scaleTargetRef",
        Map.of("apiVersion", "apps/v1", "kind", "Deployment", "name", component.name()));
    spec.put("minReplicaCount", min);
    spec.put("maxReplicaCount", Math.max(component.maxReplicas(), Math.max(min, 1)));
    spec.put("triggers", triggers);
    behavior(autoScaling)
        .ifPresent(
            b ->
                spec.put(
                    "advanced", Map.of("horizontalPodAutoscalerConfig", Map.of("behavior", b))));
    GenericKubernetesResource scaled =
        new GenericKubernetesResourceBuilder()
            .withApiVersion("keda.sh/v1alpha1")
            .withKind("ScaledObject")
            .withMetadata(meta)
            .build();
    scaled.setAdditionalProperty("spec", spec);
    return scaled;
  }

  /** One trigger of KServe's {@code getKedaMetrics}. */
  private static Map<String, Object> kedaTrigger(MetricsSpec m, ObjectMeta meta) {
    Map<String, Object> trigger = new LinkedHashMap<>();
    Map<String, String> metadata = new LinkedHashMap<>();
    switch (m.type()) {
      case RESOURCE -> {
        ResourceMetricSource r = m.resource();
        MetricTarget t = r.target();
        String value = "0";
        MetricTargetType type = t == null ? MetricTargetType.UTILIZATION : t.type();
        switch (type) {
          case UTILIZATION -> {
            Integer util =
                t == null || t.averageUtilization() == null
                    ? (r.name() == ResourceMetric.CPU ? DEFAULT_UTILIZATION : null)
                    : t.averageUtilization();
            value = util == null ? "0" : util.toString();
          }
          case AVERAGE_VALUE -> value = quantity(t.averageValue());
          case VALUE -> value = quantity(t.value());
        }
        trigger.put("type", r.name() == ResourceMetric.CPU ? "cpu" : "memory");
        metadata.put("value", value);
        trigger.put("metadata", metadata);
        trigger.put("metricType", wire(type));
      }
      case EXTERNAL -> {
        ExternalMetricSource e = m.external();
        String backend =
            e.metric().backend() == MetricsBackend.GRAPHITE ? "graphite" : "prometheus";
        trigger.put("type", backend);
        metadata.put("serverAddress", nullToEmpty(e.metric().serverAddress()));
        metadata.put("query", nullToEmpty(e.metric().query()));
        metadata.put("threshold", quantity(e.target() == null ? null : e.target().value()));
        if (backend.equals("prometheus")
            && e.metric().namespace() != null
            && !e.metric().namespace().isEmpty()) {
          metadata.put("namespace", e.metric().namespace());
        }
        if (e.authenticationRef() != null) {
          String modes = e.authenticationRef().authModes();
          if (modes != null && !modes.isEmpty()) {
            metadata.put("authModes", modes);
          }
          String ref =
              e.authenticationRef().authenticationRef() == null
                  ? null
                  : e.authenticationRef().authenticationRef().name();
          if (ref != null && !ref.isEmpty()) {
            trigger.put("authenticationRef", Map.of("name", ref));
          }
        }
        trigger.put("metadata", metadata);
      }
      case POD_METRIC -> {
        PodMetricSource p = m.podmetric();
        String address =
            p.metric().serverAddress() == null || p.metric().serverAddress().isEmpty()
                ? DEFAULT_OTEL_SCALER
                : p.metric().serverAddress();
        trigger.put("type", "external");
        metadata.put(
            "metricQuery",
            "sum("
                + nullToEmpty(p.metric().query())
                + "{namespace=\""
                + meta.getNamespace()
                + "\", deployment=\""
                + meta.getName()
                + "\"})");
        metadata.put("targetValue", quantity(p.target() == null ? null : p.target().value()));
        metadata.put("scalerAddress", address);
        if (p.metric().operationOverTime() != null && !p.metric().operationOverTime().isEmpty()) {
          metadata.put("operationOverTime", p.metric().operationOverTime());
        }
        trigger.put("metadata", metadata);
      }
    }
    return trigger;
  }

  /** The stabilization windows of {@code autoScaling.behavior}, as KServe passes them to KEDA. */
  private static Optional<Map<String, Object>> behavior(AutoScalingSpec autoScaling) {
    if (autoScaling == null || autoScaling.behavior() == null) {
      return Optional.empty();
    }
    Map<String, Object> out = new LinkedHashMap<>();
    var b = autoScaling.behavior();
    if (b.getScaleDown() != null && b.getScaleDown().getStabilizationWindowSeconds() != null) {
      out.put(
          "scaleDown",
          Map.of("stabilizationWindowSeconds", b.getScaleDown().getStabilizationWindowSeconds()));
    }
    if (b.getScaleUp() != null && b.getScaleUp().getStabilizationWindowSeconds() != null) {
      out.put(
          "scaleUp",
          Map.of("stabilizationWindowSeconds", b.getScaleUp().getStabilizationWindowSeconds()));
    }
    return out.isEmpty() ? Optional.empty() : Optional.of(out);
  }

  private static String wire(MetricTargetType type) {
    return switch (type) {
      case UTILIZATION -> "Utilization";
      case VALUE -> "Value";
      case AVERAGE_VALUE -> "AverageValue";
    };
  }

  /** A quantity as the user wrote it, {@code "0"} when absent (KServe's getOriginalStringMQ). */
  private static String quantity(Quantity q) {
    return q == null ? "0" : q.toString();
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

  private static String resource(ComponentPlan component) {
    String metric = component.scaleMetric();
    if (!"cpu".equals(metric) && !"memory".equals(metric)) {
      throw new IllegalArgumentException(
          "component '"
              + component.name()
              + "': scaleMetric '"
              + metric
              + "' cannot drive a resource autoscaler (expected cpu or memory)");
    }
    return metric;
  }

  private static int target(ComponentPlan component) {
    return component.scaleTarget() == null ? DEFAULT_UTILIZATION : component.scaleTarget();
  }
}
