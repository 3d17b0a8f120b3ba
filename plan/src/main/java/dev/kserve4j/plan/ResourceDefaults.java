package dev.kserve4j.plan;

import dev.kserve4j.api.v1beta1.ComponentSpec;
import dev.kserve4j.api.v1beta1.InferenceServiceSpec;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code inferenceService.resource} defaults of KServe's ConfigMap, applied as its defaulting
 * webhook does ({@code setResourceRequirementDefaults}): to the predictor's model, else to the
 * first container of a custom predictor, transformer or explainer, for each resource the container
 * does not request or limit itself. Applied before the runtime's container is merged, so a default
 * overrides the runtime's own value, as in KServe.
 */
final class ResourceDefaults {
  private ResourceDefaults() {}

  /** Fills {@code spec}'s containers in place. */
  static void apply(InferenceServiceSpec spec, PlanConfig config) {
    if (spec == null || (config.defaultRequests().isEmpty() && config.defaultLimits().isEmpty())) {
      return;
    }
    if (spec.getPredictor() != null) {
      if (spec.getPredictor().getModel() != null) {
        fill(spec.getPredictor().getModel(), config);
      } else {
        fillFirst(spec.getPredictor(), config);
      }
    }
    fillFirst(spec.getTransformer(), config);
    fillFirst(spec.getExplainer(), config);
  }

  private static void fillFirst(ComponentSpec component, PlanConfig config) {
    if (component != null
        && component.getContainers() != null
        && !component.getContainers().isEmpty()) {
      fill(component.getContainers().getFirst(), config);
    }
  }

  private static void fill(Container container, PlanConfig config) {
    ResourceRequirements resources =
        container.getResources() == null ? new ResourceRequirements() : container.getResources();
    resources.setRequests(withDefaults(resources.getRequests(), config.defaultRequests()));
    resources.setLimits(withDefaults(resources.getLimits(), config.defaultLimits()));
    container.setResources(resources);
  }

  private static Map<String, Quantity> withDefaults(
      Map<String, Quantity> given, Map<String, Quantity> defaults) {
    Map<String, Quantity> out = new LinkedHashMap<>(given == null ? Map.of() : given);
    defaults.forEach(out::putIfAbsent);
    return out.isEmpty() ? null : out;
  }
}
