package dev.kserve4j.controller;

import dev.kserve4j.api.v1beta1.AutoScalingSpec;
import dev.kserve4j.api.v1beta1.ExternalMetricSource;
import dev.kserve4j.api.v1beta1.MetricTarget;
import dev.kserve4j.api.v1beta1.MetricTargetType;
import dev.kserve4j.api.v1beta1.MetricsSpec;
import dev.kserve4j.api.v1beta1.PodMetricSource;
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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A component's autoscaler, chosen by the {@code serving.kserve.io/autoscalerClass} annotation:
 * {@code hpa} (the default) an {@code autoscaling/v2} HorizontalPodAutoscaler, {@code keda} a KEDA
 * {@code ScaledObject}, {@code external} or {@code none} nothing.
 *
 * <p>With {@code spec.<component>.autoScaling.metrics} the autoscaler watches those metrics: the
 * HPA gets one {@code autoscaling/v2} metric source per entry ({@code Resource} as Resource, {@code
 * PodMetric} as Pods, {@code External} as External), KEDA one trigger per entry ({@code Resource}
 * as a cpu/memory trigger, {@code External} as a prometheus or graphite trigger with its {@code
 * authenticationRef}, {@code PodMetric} as an OpenTelemetry {@code external} trigger). Without it
 * both watch the plan's {@code scaleMetric} (cpu or memory) as average utilization, KServe's
 * default 80%.
 */
final class AutoscalerRenderer {
  static final String AUTOSCALER_CLASS = "serving.kserve.io/autoscalerClass";
  private static final int DEFAULT_UTILIZATION = 80;

  /** KServe's default OpenTelemetry metric scaler, used when a PodMetric names no server. */
  static final String DEFAULT_OTEL_SCALER = "keda-otel-scaler.keda.svc:4318";

  /** The object, if the class asks for one; {@code meta} is the component's metadata. */
  Optional<HasMetadata> render(ComponentPlan component, ObjectMeta meta, String autoscalerClass) {
    return render(component, null, meta, autoscalerClass);
  }

  /**
   * The object, if the class asks for one, watching {@code autoScaling}'s metrics when it lists
   * some; {@code meta} is the component's metadata.
   */
  Optional<HasMetadata> render(
      ComponentPlan component,
      AutoScalingSpec autoScaling,
      ObjectMeta meta,
      String autoscalerClass) {
    String cls = autoscalerClass == null ? "hpa" : autoscalerClass;
    List<MetricsSpec> metrics =
        autoScaling == null || autoScaling.metrics() == null ? List.of() : autoScaling.metrics();
    return switch (cls) {
      case "hpa" -> Optional.of(hpa(component, metrics, autoScaling, meta));
      case "keda" -> Optional.of(keda(component, metrics, meta, autoScaling));
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

  private static HasMetadata hpa(
      ComponentPlan component,
      List<MetricsSpec> metrics,
      AutoScalingSpec autoScaling,
      ObjectMeta meta) {
    int min = hpaMin(component);
    List<MetricSpec> sources = new ArrayList<>();
    if (metrics.isEmpty()) {
      sources.add(
          new MetricSpecBuilder()
              .withType("Resource")
              .withNewResource()
              .withName(resource(component))
              .withNewTarget()
              .withType("Utilization")
              .withAverageUtilization(target(component))
              .endTarget()
              .endResource()
              .build());
    } else {
      for (MetricsSpec m : metrics) {
        sources.add(hpaMetric(component, m));
      }
    }
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
        .withMetrics(sources)
        .withBehavior(autoScaling == null ? null : autoScaling.behavior())
        .endSpec()
        .build();
  }

  /**
   * One {@code autoscaling/v2} metric source: Resource keeps its target (cpu Utilization defaults
   * to 80%), PodMetric becomes a Pods metric named by its first {@code metricNames} entry (else its
   * query) with an average-per-pod target, External an External metric named by its query.
   */
  private static MetricSpec hpaMetric(ComponentPlan component, MetricsSpec m) {
    return switch (m.type()) {
      case RESOURCE -> {
        ResourceMetricSource r = require(component, m.resource(), "resource");
        String name = r.name().name().toLowerCase(Locale.ROOT);
        MetricTarget t = require(component, r.target(), "resource.target");
        MetricTargetBuilder target = new MetricTargetBuilder();
        if (t.type() == MetricTargetType.AVERAGE_VALUE) {
          target.withType("AverageValue").withAverageValue(t.averageValue());
        } else {
          Integer utilization = t.averageUtilization();
          if (utilization == null && "cpu".equals(name)) {
            utilization = DEFAULT_UTILIZATION;
          }
          target.withType("Utilization").withAverageUtilization(utilization);
        }
        yield new MetricSpecBuilder()
            .withType("Resource")
            .withNewResource()
            .withName(name)
            .withTarget(target.build())
            .endResource()
            .build();
      }
      case POD_METRIC -> {
        PodMetricSource p = require(component, m.podmetric(), "podmetric");
        require(component, p.target(), "podmetric.target");
        require(component, p.metric(), "podmetric.metric");
        String name =
            p.metric().metricNames() != null && !p.metric().metricNames().isEmpty()
                ? p.metric().metricNames().get(0)
                : p.metric().query();
        yield new MetricSpecBuilder()
            .withType("Pods")
            .withNewPods()
            .withNewMetric()
            .withName(name)
            .endMetric()
            .withNewTarget()
            .withType("AverageValue")
            .withAverageValue(quantity(p.target()))
            .endTarget()
            .endPods()
            .build();
      }
      case EXTERNAL -> {
        ExternalMetricSource e = require(component, m.external(), "external");
        require(component, e.target(), "external.target");
        require(component, e.metric(), "external.metric");
        MetricTargetBuilder target = new MetricTargetBuilder();
        if (e.target().type() == MetricTargetType.AVERAGE_VALUE) {
          target.withType("AverageValue").withAverageValue(quantity(e.target()));
        } else {
          target.withType("Value").withValue(quantity(e.target()));
        }
        yield new MetricSpecBuilder()
            .withType("External")
            .withNewExternal()
            .withNewMetric()
            .withName(e.metric().query())
            .endMetric()
            .withTarget(target.build())
            .endExternal()
            .build();
      }
    };
  }

  /** The target's quantity: its {@code averageValue} for AverageValue, else its {@code value}. */
  private static Quantity quantity(MetricTarget t) {
    if (t.type() == MetricTargetType.AVERAGE_VALUE && t.averageValue() != null) {
      return t.averageValue();
    }
    return t.value() != null ? t.value() : t.averageValue();
  }

  private static <T> T require(ComponentPlan component, T source, String field) {
    if (source == null) {
      throw new IllegalArgumentException(
          "component '"
              + component.name()
              + "': autoScaling metric has no '"
              + field
              + "' for its type");
    }
    return source;
  }

  /**
   * A ScaledObject ({@code keda.sh/v1alpha1}); {@code minReplicaCount} 0 lets KEDA scale to zero.
   */
  private static HasMetadata keda(
      ComponentPlan component,
      List<MetricsSpec> metrics,
      ObjectMeta meta,
      AutoScalingSpec autoScaling) {
    int min = Math.max(component.minReplicas(), 0);
    List<Map<String, Object>> triggers = new ArrayList<>();
    if (metrics.isEmpty()) {
      Map<String, Object> trigger = new LinkedHashMap<>();
      trigger.put("type", resource(component));
      trigger.put("metricType", "Utilization");
      trigger.put("metadata", Map.of("value", String.valueOf(target(component))));
      triggers.add(trigger);
    } else {
      for (MetricsSpec m : metrics) {
        triggers.add(kedaTrigger(component, m, meta));
      }
    }
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put(
        "scaleTargetRef",
        Map.of("apiVersion", "apps/v1", "kind", "Deployment", "name", component.name()));
    spec.put("minReplicaCount", min);
    spec.put("maxReplicaCount", Math.max(component.maxReplicas(), Math.max(min, 1)));
    spec.put("triggers", triggers);
    stabilization(autoScaling)
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

  /**
   * The stabilization windows of {@code autoScaling.behavior}, which KServe passes to KEDA's HPA
   * ({@code advanced.horizontalPodAutoscalerConfig.behavior}); empty when none is set.
   */
  private static Optional<Map<String, Object>> stabilization(AutoScalingSpec autoScaling) {
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

  /**
   * One KEDA trigger, as KServe writes it: Resource a {@code cpu}/{@code memory} trigger with the
   * target's type and value; External a trigger of its backend's type ({@code prometheus}, {@code
   * graphite}) with {@code serverAddress}, {@code query} and {@code threshold} (prometheus also
   * {@code namespace}), {@code authModes} and an {@code authenticationRef} to a
   * TriggerAuthentication; PodMetric (OpenTelemetry) an {@code external} trigger summing its query
   * over this Deployment's pods.
   */
  private static Map<String, Object> kedaTrigger(
      ComponentPlan component, MetricsSpec m, ObjectMeta meta) {
    Map<String, Object> trigger = new LinkedHashMap<>();
    Map<String, String> metadata = new LinkedHashMap<>();
    switch (m.type()) {
      case RESOURCE -> {
        ResourceMetricSource r = require(component, m.resource(), "resource");
        String name = r.name().name().toLowerCase(Locale.ROOT);
        MetricTarget t = require(component, r.target(), "resource.target");
        String value =
            switch (t.type()) {
              case UTILIZATION -> {
                Integer u = t.averageUtilization();
                if (u == null && "cpu".equals(name)) {
                  u = DEFAULT_UTILIZATION;
                }
                yield u == null ? "0" : String.valueOf(u);
              }
              case AVERAGE_VALUE -> text(t.averageValue());
              case VALUE -> text(t.value());
            };
        trigger.put("type", name);
        trigger.put("metricType", targetType(t.type()));
        metadata.put("value", value);
      }
      case EXTERNAL -> {
        ExternalMetricSource e = require(component, m.external(), "external");
        require(component, e.target(), "external.target");
        require(component, e.metric(), "external.metric");
        String backend =
            require(component, e.metric().backend(), "external.metric.backend")
                .name()
                .toLowerCase(Locale.ROOT);
        trigger.put("type", backend);
        metadata.put("serverAddress", nullToEmpty(e.metric().serverAddress()));
        metadata.put("query", nullToEmpty(e.metric().query()));
        metadata.put("threshold", text(e.target().value()));
        if ("prometheus".equals(backend)
            && e.metric().namespace() != null
            && !e.metric().namespace().isEmpty()) {
          metadata.put("namespace", e.metric().namespace());
        }
        if (e.authenticationRef() != null) {
          String modes = e.authenticationRef().authModes();
          if (modes != null && !modes.isEmpty()) {
            metadata.put("authModes", modes);
          }
          String ref = e.authenticationRef().authenticationRef().name();
          if (ref != null && !ref.isEmpty()) {
            trigger.put("authenticationRef", Map.of("name", ref));
          }
        }
      }
      case POD_METRIC -> {
        PodMetricSource p = require(component, m.podmetric(), "podmetric");
        require(component, p.target(), "podmetric.target");
        require(component, p.metric(), "podmetric.metric");
        String server = p.metric().serverAddress();
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
        metadata.put("targetValue", text(p.target().value()));
        metadata.put(
            "scalerAddress", server == null || server.isEmpty() ? DEFAULT_OTEL_SCALER : server);
        if (p.metric().operationOverTime() != null && !p.metric().operationOverTime().isEmpty()) {
          metadata.put("operationOverTime", p.metric().operationOverTime());
        }
      }
    }
    trigger.put("metadata", metadata);
    return trigger;
  }

  private static String targetType(MetricTargetType type) {
    return switch (type) {
      case UTILIZATION -> "Utilization";
      case VALUE -> "Value";
      case AVERAGE_VALUE -> "AverageValue";
    };
  }

  /** A quantity as written ({@code "1Gi"}, {@code "5"}), {@code "0"} when absent, as KServe. */
  private static String text(Quantity q) {
    if (q == null || q.getAmount() == null) {
      return "0";
    }
    return q.getAmount() + (q.getFormat() == null ? "" : q.getFormat());
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
