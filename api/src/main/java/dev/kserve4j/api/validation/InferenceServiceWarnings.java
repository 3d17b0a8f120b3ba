package dev.kserve4j.api.validation;

import dev.kserve4j.api.ShadowPolicy;
import dev.kserve4j.api.v1beta1.InferenceService;
import dev.kserve4j.api.v1beta1.InferenceServiceSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What an InferenceService asks for that has no effect, said instead of ignored: the warnings the
 * validating webhook returns with an allowed resource (the API server shows them to the client,
 * {@code kubectl} prints each as {@code Warning: ...}).
 *
 * <ul>
 *   <li>{@code canaryTrafficPercent} in Standard mode, which KServe ignores silently: Standard mode
 *       splits traffic with {@code spec.canary[]};
 *   <li>{@value ShadowPolicy#PERCENT_ANNOTATION} without a canary (no candidate to mirror to);
 *   <li>{@value ShadowPolicy#TOLERANCE_ANNOTATION} without {@value
 *       ShadowPolicy#PERCENT_ANNOTATION}.
 * </ul>
 */
final class InferenceServiceWarnings {
  static final String STANDARD_CANARY_PERCENT =
      "spec.predictor.canaryTrafficPercent has no effect in Standard deployment mode: all traffic"
          + " goes to the predictor (expected: spec.canary[] with trafficPercent for a canary in"
          + " Standard mode, or canaryTrafficPercent in Knative mode)";
  static final String SHADOW_WITHOUT_CANARY =
      "annotation "
          + ShadowPolicy.PERCENT_ANNOTATION
          + " has no effect without a canary: nothing is mirrored (expected: spec.canary[] in"
          + " Standard mode, or spec.predictor.canaryTrafficPercent in Knative mode)";
  static final String TOLERANCE_WITHOUT_PERCENT =
      "annotation "
          + ShadowPolicy.TOLERANCE_ANNOTATION
          + " has no effect without "
          + ShadowPolicy.PERCENT_ANNOTATION;

  private InferenceServiceWarnings() {}

  /** The warnings for {@code isvc}, defaulted by {@link InferenceServiceDefaulter}. */
  static List<String> of(InferenceService isvc) {
    List<String> warnings = new ArrayList<>();
    Map<String, String> annotations =
        isvc.getMetadata() == null || isvc.getMetadata().getAnnotations() == null
            ? Map.of()
            : isvc.getMetadata().getAnnotations();
    InferenceServiceSpec spec = isvc.getSpec();
    boolean standard =
        "Standard".equals(annotations.get(InferenceServiceDefaulter.DEPLOYMENT_MODE));
    boolean canaryPercent =
        spec != null
            && spec.getPredictor() != null
            && spec.getPredictor().getCanaryTrafficPercent() != null;
    boolean canaries = spec != null && spec.getCanary() != null && !spec.getCanary().isEmpty();
    if (standard && canaryPercent) {
      warnings.add(STANDARD_CANARY_PERCENT);
    }
    if (annotations.containsKey(ShadowPolicy.PERCENT_ANNOTATION)
        && !(standard ? canaries : canaryPercent)) {
      warnings.add(SHADOW_WITHOUT_CANARY);
    }
    if (annotations.containsKey(ShadowPolicy.TOLERANCE_ANNOTATION)
        && !annotations.containsKey(ShadowPolicy.PERCENT_ANNOTATION)) {
      warnings.add(TOLERANCE_WITHOUT_PERCENT);
    }
    return warnings;
  }
}
