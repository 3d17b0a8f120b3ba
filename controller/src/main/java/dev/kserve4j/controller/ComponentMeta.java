package dev.kserve4j.controller;

import dev.kserve4j.api.v1beta1.InferenceService;
import dev.kserve4j.plan.CanaryPlan;
import dev.kserve4j.plan.ComponentPlan;
import dev.kserve4j.plan.InferenceServicePlan;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The metadata KServe's RawDeployment reconcilers give every object of an InferenceService: its
 * labels plus {@code serving.kserve.io/inferenceservice}, {@code component} and {@code app:
 * isvc.<component name>} (KServe's {@code GetRawServiceLabel}), and an owner reference to the
 * InferenceService, so that deleting it garbage-collects everything.
 */
final class ComponentMeta {
  static final String ISVC_LABEL = "serving.kserve.io/inferenceservice";
  static final String COMPONENT_LABEL = "component";
  static final String APP_LABEL = "app";

  /** Marks the objects of a {@code spec.canary[]} variant with the variant's name. */
  static final String CANARY_LABEL = "serving.kserve.io/canary";

  private final InferenceService isvc;
  private final InferenceServicePlan plan;

  ComponentMeta(InferenceService isvc, InferenceServicePlan plan) {
    this.isvc = isvc;
    this.plan = plan;
  }

  /** The selector label of a component's pods: {@code isvc.<name>}. */
  static String appLabel(ComponentPlan component) {
    return "isvc." + component.name();
  }

  /** Metadata of an object of {@code component}, named as the component. */
  ObjectMeta of(ComponentPlan component) {
    Map<String, String> labels = baseLabels();
    labels.put(COMPONENT_LABEL, component.component());
    labels.put(APP_LABEL, appLabel(component));
    return meta(component.name(), labels);
  }

  /**
   * Metadata of an object of a {@code spec.canary[]} variant: its component's, plus {@value
   * #CANARY_LABEL}.
   */
  ObjectMeta ofCanary(CanaryPlan canary) {
    Map<String, String> labels = new LinkedHashMap<>(of(canary.predictor()).getLabels());
    labels.put(CANARY_LABEL, canary.name());
    return meta(canary.predictor().name(), labels);
  }

  /** Metadata of an object of the whole InferenceService (its route), named as it. */
  ObjectMeta ofService() {
    return meta(plan.name(), baseLabels());
  }

  private ObjectMeta meta(String name, Map<String, String> labels) {
    return new ObjectMetaBuilder()
        .withName(name)
        .withNamespace(plan.namespace())
        .withLabels(labels)
        .withOwnerReferences(owner())
        .build();
  }

  private Map<String, String> baseLabels() {
    Map<String, String> labels = new LinkedHashMap<>();
    if (isvc.getMetadata().getLabels() != null) {
      labels.putAll(isvc.getMetadata().getLabels());
    }
    labels.put(ISVC_LABEL, plan.name());
    return labels;
  }

  /**
   * The owner reference: {@code controller: true} marks the InferenceService as the managing
   * controller; {@code blockOwnerDeletion: true} makes foreground deletion wait for this object.
   */
  OwnerReference owner() {
    return new OwnerReferenceBuilder()
        .withApiVersion(isvc.getApiVersion())
        .withKind(isvc.getKind())
        .withName(isvc.getMetadata().getName())
        .withUid(isvc.getMetadata().getUid())
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build();
  }
}
