package dev.kserve4j.api.validation;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.api.ShadowPolicy;
import dev.kserve4j.api.v1beta1.CanarySpec;
import dev.kserve4j.api.v1beta1.ComponentSpec;
import dev.kserve4j.api.v1beta1.InferenceService;
import dev.kserve4j.api.v1beta1.InferenceServiceSpec;
import dev.kserve4j.api.v1beta1.PredictorExtensionSpec;
import dev.kserve4j.api.v1beta1.PredictorSpec;
import dev.kserve4j.common.NameRule;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks an InferenceService as KServe's validating webhook does ({@code validateInferenceService}
 * in {@code inference_service_validation.go}), reporting every problem rather than the first.
 *
 * <p>Rules: the name is a DNS-1035 label ({@link NameRule#SERVICE}: KServe's pattern, and at most
 * 63 characters, which KServe leaves to the Services named after it); the autoscaler class
 * annotation is known; each component has exactly one implementation; a framework shortcut or
 * {@code model} does not set {@code name}; the component fields of {@link ComponentValidator}; and
 * the canary rules. Not checked: multi-node ({@code workerSpec}) rules, blocked environment
 * variables, confidential serving, {@code storageUris}. Run it on the output of {@link
 * InferenceServiceDefaulter}, as the webhooks run in that order.
 */
public final class InferenceServiceValidator {
  /** KServe's {@code IsvcNameFmt}. */
  static final String NAME_FORMAT = NameRule.SERVICE.format();

  private static final Set<String> AUTOSCALER_CLASSES = Set.of("hpa", "external", "keda", "none");

  /**
   * Whether the InferenceService runs as Knative Services, whose autoscaling annotations Knative
   * checks: any mode but {@code Standard} (or its legacy name {@code RawDeployment}).
   */
  private static boolean knativeMode(Map<String, String> annotations) {
    String mode = annotations.get(InferenceServiceDefaulter.DEPLOYMENT_MODE);
    return !"Standard".equals(mode) && !"RawDeployment".equals(mode);
  }

  private static void componentAnnotations(
      ComponentSpec c, String path, ValidationResult.Builder out) {
    if (c != null) {
      KnativeAnnotations.validate(c.getAnnotations(), path + ".annotations", out);
    }
  }

  /** Every problem of {@code isvc}, each with its field path. */
  public ValidationResult validate(InferenceService isvc) {
    requireNonNull(isvc, "isvc");
    ValidationResult.Builder out = new ValidationResult.Builder();
    String name = isvc.getMetadata() == null ? null : isvc.getMetadata().getName();
    nameProblem("InferenceService", "the", name).ifPresent(m -> out.add("metadata.name", name, m));
    Map<String, String> annotations =
        isvc.getMetadata() == null || isvc.getMetadata().getAnnotations() == null
            ? Map.of()
            : isvc.getMetadata().getAnnotations();
    String autoscaler = annotations.get(ComponentValidator.AUTOSCALER_CLASS);
    if (autoscaler != null && !AUTOSCALER_CLASSES.contains(autoscaler)) {
      out.add(
          "metadata.annotations[" + ComponentValidator.AUTOSCALER_CLASS + "]",
          autoscaler,
          "["
              + autoscaler
              + "] is not a supported autoscaler class type (expected: one of hpa, external, keda,"
              + " none)");
    }
    for (String problem : ShadowPolicy.problems(annotations)) {
      String key =
          problem.contains(ShadowPolicy.PERCENT_ANNOTATION)
              ? ShadowPolicy.PERCENT_ANNOTATION
              : ShadowPolicy.TOLERANCE_ANNOTATION;
      out.add("metadata.annotations[" + key + "]", annotations.get(key), problem);
    }
    boolean knative = knativeMode(annotations);
    if (knative) {
      KnativeAnnotations.validate(annotations, "metadata.annotations", out);
    }
    InferenceServiceSpec spec = isvc.getSpec();
    if (knative && spec != null) {
      componentAnnotations(spec.getPredictor(), "spec.predictor", out);
      componentAnnotations(spec.getTransformer(), "spec.transformer", out);
      componentAnnotations(spec.getExplainer(), "spec.explainer", out);
    }
    if (spec == null || spec.getPredictor() == null) {
      out.add("spec.predictor", null, "predictor is required");
      return out.build();
    }
    validatePredictor(spec.getPredictor(), "spec.predictor", annotations, out);
    if (spec.getTransformer() != null) {
      requireContainers(
          spec.getTransformer(), "spec.transformer", List.of("containers"), "TransformerSpec", out);
      ComponentValidator.validate(spec.getTransformer(), "spec.transformer", annotations, out);
    }
    if (spec.getExplainer() != null) {
      if (spec.getExplainer().getArt() == null) {
        requireContainers(
            spec.getExplainer(),
            "spec.explainer",
            List.of("art", "containers"),
            "ExplainerSpec",
            out);
      }
      ComponentValidator.validate(spec.getExplainer(), "spec.explainer", annotations, out);
    }
    if (spec.getCanary() != null && !spec.getCanary().isEmpty()) {
      new CanaryValidator(spec.getPredictor(), annotations).validate(spec.getCanary(), out);
    }
    return out.build();
  }

  /**
   * KServe's message for a name its webhook refuses ({@code InvalidISVCNameFormatError}, or for a
   * graph {@code InvalidGraphNameFormatError}, whose article is capitalised), then Kubernetes' for
   * a name longer than a DNS-1035 label may be; empty when {@link NameRule#SERVICE} accepts it.
   */
  static Optional<String> nameProblem(String kind, String article, String name) {
    if (!NameRule.SERVICE.matches(name)) {
      return Optional.of(
          String.format(
              "%s %s \"%s\" is invalid: a %s name must consist of lower case alphanumeric"
                  + " characters or '-', and must start with alphabetical character. (e.g."
                  + " \"my-name\" or \"abc-123\", regex used for validation is '%s')",
              article, kind, name, kind, NAME_FORMAT));
    }
    return NameRule.SERVICE
        .tooLong(name)
        .map(
            tooLong ->
                String.format(
                    "%s %s \"%s\" is invalid: metadata.name: Invalid value: \"%s\": %s",
                    article, kind, name, name, tooLong));
  }

  static void validatePredictor(
      PredictorSpec p, String path, Map<String, String> annotations, ValidationResult.Builder out) {
    List<String> implementations = PredictorImplementations.of(p);
    if (implementations.size() != 1) {
      out.add(
          path,
          implementations.isEmpty() ? null : implementations,
          PredictorImplementations.exactlyOneMessage(
              PredictorImplementations.NAMES, "PredictorSpec"));
    }
    Map<String, PredictorExtensionSpec> named =
        new java.util.LinkedHashMap<>(PredictorImplementations.shortcuts(p));
    if (p.getModel() != null) {
      named.put("model", p.getModel());
    }
    named.forEach(
        (field, impl) -> {
          if (impl.getName() != null && !impl.getName().isEmpty()) {
            out.add(
                path + "." + field + ".name",
                impl.getName(),
                "the 'name' field is not allowed in standard predictor");
          }
        });
    if (p.getModel() != null
        && (p.getModel().getModelFormat() == null
            || p.getModel().getModelFormat().name() == null
            || p.getModel().getModelFormat().name().isEmpty())) {
      out.add(
          path + ".model.modelFormat.name",
          null,
          "modelFormat.name is required (e.g. sklearn, onnx)");
    }
    ComponentValidator.validate(p, path, annotations, out);
  }

  private static void requireContainers(
      ComponentSpec c, String path, List<String> names, String type, ValidationResult.Builder out) {
    if (c.getContainers() == null || c.getContainers().isEmpty()) {
      out.add(path, null, PredictorImplementations.exactlyOneMessage(names, type));
    }
  }

  /**
   * KServe's {@code validateCanarySpecs}: Standard mode, a stable predictor with a model; each
   * canary named, unique, with bounded traffic, one valid implementation (its problems prefixed
   * {@code canary "name" predictor: } as KServe wraps them) and fixed replicas.
   */
  private record CanaryValidator(PredictorSpec stable, Map<String, String> annotations) {
    void validate(List<CanarySpec> canaries, ValidationResult.Builder out) {
      if (!"Standard".equals(annotations.get(InferenceServiceDefaulter.DEPLOYMENT_MODE))) {
        out.add("spec.canary", null, "canary is only supported in Standard deployment mode");
      }
      if (stable.getModel() == null && stableStorageUri() == null) {
        out.add(
            "spec.predictor",
            null,
            "canary requires a stable predictor with a model (multi-model serving is not"
                + " supported with canary)");
      }
      Set<String> names = new HashSet<>();
      long total = 0;
      for (int i = 0; i < canaries.size(); i++) {
        String at = "spec.canary[" + i + "]";
        CanarySpec canary = canaries.get(i);
        PredictorSpec p = canary.predictor();
        int traffic = canary.trafficPercent() == null ? 0 : canary.trafficPercent();
        total += traffic;
        if (p == null) {
          out.add(at + ".predictor", null, "canary[" + i + "] predictor is required");
          continue;
        }
        String name = p.getName();
        if (name == null || name.isEmpty()) {
          out.add(at + ".predictor.name", null, "canary[" + i + "] predictor.name is required");
          continue;
        } else if (!names.add(name)) {
          out.add(
              at + ".predictor.name", name, "canary predictor.name \"" + name + "\" is duplicated");
        } else if (name.equals(stable.getName())) {
          out.add(
              at + ".predictor.name",
              name,
              "canary predictor.name \"" + name + "\" conflicts with stable predictor name");
        }
        if (traffic < 0 || traffic > 100) {
          out.add(
              at + ".trafficPercent",
              traffic,
              "canary \"" + name + "\" trafficPercent must be between 0 and 100, got " + traffic);
        }
        ValidationResult.Builder predictor = new ValidationResult.Builder();
        validatePredictor(p, at + ".predictor", annotations, predictor);
        for (FieldError e : predictor.build().errors()) {
          out.add(e.path(), e.value(), "canary \"" + name + "\" predictor: " + e.message());
        }
        fixedReplicas(p, at + ".predictor", name, out);
      }
      if (total > 100) {
        out.add(
            "spec.canary",
            total,
            "sum of canary trafficPercent values (" + total + ") must be <= 100");
      }
    }

    /**
     * KServe's {@code GetImplementation().GetStorageUri()} of the stable predictor: the first
     * implementation's {@code storageUri}, or a custom predictor's {@code STORAGE_URI} variable of
     * its {@code kserve-container}.
     */
    private String stableStorageUri() {
      Map<String, PredictorExtensionSpec> shortcuts = PredictorImplementations.shortcuts(stable);
      if (!shortcuts.isEmpty()) {
        return shortcuts.values().iterator().next().getStorageUri();
      }
      if (stable.getContainers() == null) {
        return null;
      }
      return stable.getContainers().stream()
          .filter(c -> PredictorImplementations.SERVER_CONTAINER.equals(c.getName()))
          .findFirst()
          .flatMap(
              c ->
                  c.getEnv() == null
                      ? Optional.empty()
                      : c.getEnv().stream()
                          .filter(env -> "STORAGE_URI".equals(env.getName()))
                          .map(env -> env.getValue())
                          .findFirst())
          .orElse(null);
    }

    private void fixedReplicas(
        PredictorSpec p, String at, String name, ValidationResult.Builder out) {
      String why = " (canary uses fixed replicas)";
      if (p.getWorkerSpec() != null) {
        out.add(
            at + ".workerSpec",
            null,
            "canary \""
                + name
                + "\" must not set workerSpec (multi-node is not yet supported for canary)");
      }
      if (p.getMaxReplicas() != null && p.getMaxReplicas() > 0) {
        out.add(
            at + ".maxReplicas",
            p.getMaxReplicas(),
            "canary \"" + name + "\" must not set maxReplicas" + why);
      }
      if (p.getScaleTarget() != null) {
        out.add(
            at + ".scaleTarget",
            p.getScaleTarget(),
            "canary \"" + name + "\" must not set scaleTarget" + why);
      }
      if (p.getScaleMetric() != null) {
        out.add(
            at + ".scaleMetric",
            ComponentValidator.metricName(p.getScaleMetric()),
            "canary \"" + name + "\" must not set scaleMetric" + why);
      }
      if (p.getAutoScaling() != null) {
        out.add(
            at + ".autoScaling", null, "canary \"" + name + "\" must not set autoScaling" + why);
      }
      int stableMin =
          stable.getMinReplicas() == null
              ? InferenceServiceDefaulter.DEFAULT_MIN_REPLICAS
              : stable.getMinReplicas();
      if (p.getMinReplicas() != null && p.getMinReplicas() > stableMin) {
        out.add(
            at + ".minReplicas",
            p.getMinReplicas(),
            "canary \""
                + name
                + "\" minReplicas ("
                + p.getMinReplicas()
                + ") must not exceed stable predictor minReplicas ("
                + stableMin
                + ")");
      }
    }
  }
}
