package dev.kserve4j.controller;

import dev.kserve4j.plan.ComponentPlan;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A component's autoscaler, chosen by the {@code serving.kserve.io/autoscalerClass} annotation:
 * {@code hpa} (the default) an {@code autoscaling/v2} HorizontalPodAutoscaler, {@code keda} a KEDA
 * {@code ScaledObject}, {@code external} or {@code none} nothing. Both watch the plan's {@code
 * scaleMetric} (cpu or memory) as average utilization, KServe's default 80%.
 */
final class AutoscalerRenderer {
  static final String AUTOSCALER_CLASS = "serving.kserve.io/autoscalerClass";
  private static final int DEFAULT_UTILIZATION = 80;

  /** The object, if the class asks for one; {@code meta} is the component's metadata. */
  Optional<HasMetadata> render(ComponentPlan component, ObjectMeta meta, String autoscalerClass) {
    String cls = autoscalerClass == null ? "hpa" : autoscalerClass;
    return switch (cls) {
      case "hpa" -> Optional.of(hpa(component, meta));
      case "keda" -> Optional.of(keda(component, meta));
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
        .addNewMetric()
        .withType("Resource")
        .withNewResource()
        .withName(resource(component))
        .withNewTarget()
        .withType("Utilization")
        .withAverageUtilization(target(component))
        .endTarget()
        .endResource()
        .endMetric()
        .endSpec()
        .build();
  }

  /**
   * A ScaledObject ({@code keda.sh/v1alpha1}); {@code minReplicaCount} 0 lets KEDA scale to zero.
   */
  private static HasMetadata keda(ComponentPlan component, ObjectMeta meta) {
    int min = Math.max(component.minReplicas(), 0);
    Map<String, Object> trigger = new LinkedHashMap<>();
    trigger.put("type", resource(component));
    trigger.put("metricType", "Utilization");
    trigger.put("metadata", Map.of("value", String.valueOf(target(component))));
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put(
        "scaleTargetRef",
        Map.of("apiVersion", "apps/v1", "kind", "Deployment", "name", component.name()));
    spec.put("minReplicaCount", min);
    spec.put("maxReplicaCount", Math.max(component.maxReplicas(), Math.max(min, 1)));
    spec.put("triggers", List.of(trigger));
    GenericKubernetesResource scaled =
        new GenericKubernetesResourceBuilder()
            .withApiVersion("keda.sh/v1alpha1")
            .withKind("ScaledObject")
            .withMetadata(meta)
            .build();
    scaled.setAdditionalProperty("spec", spec);
    return scaled;
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
