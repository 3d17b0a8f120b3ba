package dev.kserve4j.controller;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.kserve4j.api.v1beta1.ComponentSpec;
import dev.kserve4j.api.v1beta1.ComponentStatusSpec;
import dev.kserve4j.api.v1beta1.InferenceService;
import dev.kserve4j.api.v1beta1.InferenceServiceStatus;
import dev.kserve4j.plan.ComponentPlan;
import dev.kserve4j.plan.DeploymentMode;
import dev.kserve4j.plan.InferenceServicePlan;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Renders a planned InferenceService as the objects KServe's Knative (Serverless) mode creates: per
 * component a Knative Service ({@code serving.knative.dev/v1}) named as the component, then the
 * InferenceService's route ({@link KnativeRouteRenderer}).
 *
 * <p>A Knative Service's revision template carries the InferenceService's annotations (less
 * KServe's {@code serviceAnnotationDisallowedList}) and the autoscaling annotations of KServe's
 * {@code SetAutoScalingAnnotations}: {@code autoscaling.knative.dev/class} (the user's, else {@code
 * kpa.autoscaling.knative.dev}), {@code min-scale} (the plan's, 1 when unset, 0 allowed), {@code
 * max-scale} (only when limited), {@code target} and {@code metric} (only when set). Its traffic
 * follows KServe's {@code ksvc_reconciler}: with {@code canaryTrafficPercent} and a known last
 * rolled-out revision, that share to the latest revision and the rest to the rolled-out one (tag
 * {@code prev}); otherwise all of it to the latest revision. The latest revision is tagged {@code
 * latest} when the annotation {@value #ENABLE_TAG_ROUTING} is {@code true}. Pure: the same inputs
 * give equal objects.
 */
public final class KnativeModeRenderer {
  static final String API_VERSION = "serving.knative.dev/v1";
  static final String KIND = "Service";
  static final String CLASS = "autoscaling.knative.dev/class";
  static final String MIN_SCALE = "autoscaling.knative.dev/min-scale";
  static final String MAX_SCALE = "autoscaling.knative.dev/max-scale";
  static final String TARGET = "autoscaling.knative.dev/target";
  static final String METRIC = "autoscaling.knative.dev/metric";

  /** Knative's Pod Autoscaler, KServe's default class. */
  static final String KPA = "kpa.autoscaling.knative.dev";

  static final String ENABLE_TAG_ROUTING = "serving.kserve.io/enable-tag-routing";

  /**
   * The label that keeps a Knative Service cluster-local; KServe keeps it off revision templates.
   */
  static final String VISIBILITY_LABEL = "networking.knative.dev/visibility";

  /**
   * KServe's default {@code serviceAnnotationDisallowedList}: never copied onto a revision
   * template.
   */
  private static final Set<String> DISALLOWED_ANNOTATIONS =
      Set.of(
          MIN_SCALE,
          MAX_SCALE,
          "internal.serving.kserve.io/storage-initializer-sourceuri",
          "kubectl.kubernetes.io/last-applied-configuration",
          "modelFormat");

  /**
   * Annotations KServe moves from the template onto the Knative Service itself ({@code
   * managedKsvcAnnotations}).
   */
  private static final Set<String> SERVICE_ANNOTATIONS =
      Set.of(
          "serving.knative.dev/rollout-duration", "serving.knative.openshift.io/enablePassthrough");

  private final PodRenderer pods;
  private final KnativeRouteRenderer routes;
  private static final ObjectMapper JSON =
      JsonMapper.builder().serializationInclusion(JsonInclude.Include.NON_NULL).build();

  public KnativeModeRenderer(RenderConfig config) {
    requireNonNull(config, "config");
    this.pods = new PodRenderer(config);
    this.routes = new KnativeRouteRenderer(config);
  }

  /**
   * The objects: per component its Knative Service, then the route objects.
   *
   * @param lastRolledOut per component ({@code predictor}, ...), the revision that last received
   *     all of its traffic, as the stored status records it ({@link
   *     #lastRolledOut(InferenceServiceStatus)})
   */
  public List<HasMetadata> render(
      InferenceService isvc, InferenceServicePlan plan, Map<String, String> lastRolledOut) {
    requireNonNull(isvc, "isvc");
    requireNonNull(plan, "plan");
    requireNonNull(lastRolledOut, "lastRolledOut");
    if (plan.deploymentMode() != DeploymentMode.KNATIVE) {
      throw new IllegalArgumentException(
          "InferenceService '"
              + plan.name()
              + "' is planned for "
              + plan.deploymentMode().annotation()
              + " mode (expected Knative)");
    }
    if (isvc.getMetadata() == null || isvc.getMetadata().getUid() == null) {
      throw new IllegalArgumentException(
          "InferenceService '"
              + plan.name()
              + "' has no metadata.uid; owner references need the stored resource's uid");
    }
    ComponentMeta metas = new ComponentMeta(isvc, plan);
    List<HasMetadata> out = new ArrayList<>();
    for (ComponentPlan component : plan.components()) {
      out.add(
          service(isvc, component, metas.of(component), lastRolledOut.get(component.component())));
    }
    out.addAll(
        routes.render(
            isvc, plan, metas.ofService(), ShadowMirrors.knative(isvc, plan, lastRolledOut)));
    return List.copyOf(out);
  }

  /** Per component, the {@code latestRolledoutRevision} of a stored status; empty for none. */
  public static Map<String, String> lastRolledOut(InferenceServiceStatus status) {
    Map<String, String> out = new LinkedHashMap<>();
    if (status != null && status.getComponents() != null) {
      for (Map.Entry<String, ComponentStatusSpec> e : status.getComponents().entrySet()) {
        String revision = e.getValue() == null ? null : e.getValue().latestRolledoutRevision();
        if (revision != null && !revision.isEmpty()) {
          out.put(e.getKey(), revision);
        }
      }
    }
    return out;
  }

  private HasMetadata service(
      InferenceService isvc, ComponentPlan component, ObjectMeta meta, String lastRolledOut) {
    Map<String, String> labels = new LinkedHashMap<>(meta.getLabels());
    labels.remove(
        ComponentMeta.APP_LABEL); // Standard mode's selector label; Knative labels its pods itself
    meta.setLabels(labels);
    Map<String, String> templateLabels = new LinkedHashMap<>(labels);
    templateLabels.remove(VISIBILITY_LABEL);
    ComponentSpec spec = componentSpec(isvc, component.component());
    Map<String, String> annotations =
        templateAnnotations(
            isvc.getMetadata().getAnnotations(),
            component.scaleTarget(),
            spec == null || spec.getScaleMetric() == null
                ? null
                : spec.getScaleMetric().name().toLowerCase(Locale.ROOT),
            component.minReplicas(),
            component.maxReplicas());
    RevisionSpec revision =
        revision(
            pods.render(component, StandardModeRenderer.batcher(isvc, component)),
            component.timeoutSeconds());
    revision.containerConcurrency = component.containerConcurrency();
    revision.responseStartTimeoutSeconds = component.timeoutSeconds(); // as KServe sets it
    return knativeService(
        meta,
        templateLabels,
        annotations,
        revision,
        traffic(component, lastRolledOut, "true".equals(annotations.get(ENABLE_TAG_ROUTING))));
  }

  /**
   * A Knative Service: {@code meta} (given the annotations Knative reads on the Service itself,
   * taken from {@code annotations}), a revision template of {@code templateLabels}, the other
   * {@code annotations} and {@code revision}, and {@code traffic} when not null (Knative's default
   * is all of it to the latest revision).
   */
  static GenericKubernetesResource knativeService(
      ObjectMeta meta,
      Map<String, String> templateLabels,
      Map<String, String> annotations,
      RevisionSpec revision,
      List<Map<String, Object>> traffic) {
    Map<String, String> templateAnnotations = new LinkedHashMap<>(annotations);
    Map<String, String> serviceAnnotations = new LinkedHashMap<>();
    for (String key : SERVICE_ANNOTATIONS) {
      String value = templateAnnotations.remove(key);
      if (value != null) {
        serviceAnnotations.put(key, value);
      }
    }
    meta.setAnnotations(serviceAnnotations.isEmpty() ? null : serviceAnnotations);
    Map<String, Object> templateMeta = new LinkedHashMap<>();
    templateMeta.put("labels", templateLabels);
    templateMeta.put("annotations", templateAnnotations);
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("template", Map.of("metadata", templateMeta, "spec", revision));
    if (traffic != null) {
      spec.put("traffic", traffic);
    }
    GenericKubernetesResource ksvc =
        new GenericKubernetesResourceBuilder()
            .withApiVersion(API_VERSION)
            .withKind(KIND)
            .withMetadata(meta)
            .build();
    ksvc.setAdditionalProperty("spec", spec);
    return ksvc;
  }

  /** A revision running {@code pod}, with the revision's {@code timeoutSeconds}. */
  static RevisionSpec revision(PodSpec pod, Long timeoutSeconds) {
    RevisionSpec revision = JSON.convertValue(pod, RevisionSpec.class);
    revision.timeoutSeconds = timeoutSeconds;
    return revision;
  }

  /**
   * A revision template's annotations, as KServe's {@code SetAutoScalingAnnotations} sets them: the
   * owner's {@code annotations} less the disallowed ones, {@code autoscaling.knative.dev/class}
   * (the user's, else KPA), {@code target} and {@code metric} when set, {@code min-scale} and
   * {@code max-scale} when limited (not 0).
   */
  static Map<String, String> templateAnnotations(
      Map<String, String> annotations,
      Integer scaleTarget,
      String metric,
      int minReplicas,
      int maxReplicas) {
    Map<String, String> out = new LinkedHashMap<>();
    if (annotations != null) {
      annotations.forEach(
          (k, v) -> {
            if (!DISALLOWED_ANNOTATIONS.contains(k)) {
              out.put(k, v);
            }
          });
    }
    out.putIfAbsent(CLASS, KPA);
    if (scaleTarget != null) {
      out.put(TARGET, String.valueOf(scaleTarget));
    }
    if (metric != null) {
      out.put(METRIC, metric);
    }
    out.put(MIN_SCALE, String.valueOf(minReplicas));
    if (maxReplicas != 0) {
      out.put(MAX_SCALE, String.valueOf(maxReplicas));
    }
    return out;
  }

  /**
   * The component as written: KServe sets {@code metric} only when the user did (Knative defaults
   * to concurrency).
   */
  private static ComponentSpec componentSpec(InferenceService isvc, String component) {
    return switch (component) {
      case "predictor" -> isvc.getSpec().getPredictor();
      case "transformer" -> isvc.getSpec().getTransformer();
      case "explainer" -> isvc.getSpec().getExplainer();
      default -> null;
    };
  }

  private static List<Map<String, Object>> traffic(
      ComponentPlan component, String lastRolledOut, boolean tagLatest) {
    Long canary = component.canaryTrafficPercent();
    boolean split = canary != null && lastRolledOut != null;
    List<Map<String, Object>> out = new ArrayList<>();
    out.add(target(tagLatest ? "latest" : null, null, true, split ? canary : 100L));
    if (split && canary < 100) {
      out.add(target("prev", lastRolledOut, false, 100 - canary));
    }
    return out;
  }

  private static Map<String, Object> target(
      String tag, String revisionName, boolean latest, long percent) {
    Map<String, Object> t = new LinkedHashMap<>();
    putIfSet(t, "tag", tag);
    putIfSet(t, "revisionName", revisionName);
    t.put("latestRevision", latest);
    t.put("percent", percent);
    return t;
  }

  /** Knative's {@code RevisionSpec}: the pod spec with the revision's own fields inlined. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  static final class RevisionSpec extends PodSpec {
    @JsonProperty Long containerConcurrency;
    @JsonProperty Long timeoutSeconds;
    @JsonProperty Long responseStartTimeoutSeconds;
  }

  private static void putIfSet(Map<String, Object> map, String key, Object value) {
    if (value != null) {
      map.put(key, value);
    }
  }
}
