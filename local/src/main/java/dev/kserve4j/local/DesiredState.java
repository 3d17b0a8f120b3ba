package dev.kserve4j.local;

import dev.kserve4j.api.ResourceCodec;
import dev.kserve4j.api.v1beta1.InferenceService;
import java.util.Map;
import java.util.Objects;

/**
 * What an applied InferenceService asks for, compared and copied as the control plane stores it.
 */
final class DesiredState {
  private static final ResourceCodec codec = new ResourceCodec();

  private DesiredState() {}

  /**
   * Whether two resources ask for the same thing: the spec, and the labels and annotations the plan
   * reads (e.g. {@code serving.kserve.io/deploymentMode}, which decides the URL).
   */
  static boolean same(InferenceService a, InferenceService b) {
    return Objects.equals(a.getSpec(), b.getSpec())
        && Objects.equals(
            orEmpty(a.getMetadata().getLabels()), orEmpty(b.getMetadata().getLabels()))
        && Objects.equals(
            orEmpty(a.getMetadata().getAnnotations()), orEmpty(b.getMetadata().getAnnotations()));
  }

  private static Map<String, String> orEmpty(Map<String, String> map) {
    return map == null ? Map.of() : map;
  }

  /** A deep copy, so that callers never share state with the stored resource. */
  static InferenceService copy(InferenceService isvc) {
    return codec.read(codec.toJson(isvc), "InferenceService", InferenceService.class);
  }
}
