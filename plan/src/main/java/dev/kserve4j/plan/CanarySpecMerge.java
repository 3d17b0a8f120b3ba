package dev.kserve4j.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kserve4j.api.v1beta1.PredictorSpec;
import java.util.List;
import java.util.Map;

/**
 * A {@code spec.canary[]} variant's predictor as KServe runs it: the stable predictor's spec with
 * the canary's non-zero fields merged over it, objects field by field (a canary {@code model} with
 * only a {@code storageUri} keeps the stable {@code modelFormat} and {@code runtime}), so that a
 * canary states only what it changes.
 *
 * <p>Not inherited: the stable predictor's implementation when the canary names another one (a
 * canary {@code sklearn} drops the stable {@code model}), and its scaling fields ({@code
 * minReplicas}, {@code maxReplicas}, {@code scaleTarget}, {@code scaleMetric}, {@code autoScaling},
 * {@code canaryTrafficPercent}): a canary runs fixed replicas of its own.
 */
final class CanarySpecMerge {
  /** The fields of which a predictor sets exactly one. */
  static final List<String> IMPLEMENTATIONS = PredictorSpec.IMPLEMENTATION_FIELDS;

  private static final List<String> NOT_INHERITED =
      List.of(
          "name",
          "minReplicas",
          "maxReplicas",
          "scaleTarget",
          "scaleMetric",
          "autoScaling",
          "canaryTrafficPercent",
          "workerSpec");

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private CanarySpecMerge() {}

  /** {@code canary} merged over {@code stable}; neither is changed. */
  static PredictorSpec over(PredictorSpec stable, PredictorSpec canary) {
    if (stable == null) {
      return canary;
    }
    ObjectNode base = MAPPER.valueToTree(stable);
    ObjectNode own = MAPPER.valueToTree(canary);
    NOT_INHERITED.forEach(base::remove);
    boolean ownImplementation =
        IMPLEMENTATIONS.stream().anyMatch(f -> own.hasNonNull(f) && !isEmpty(own.get(f)));
    if (ownImplementation) {
      IMPLEMENTATIONS.stream()
          .filter(f -> !own.hasNonNull(f) || isEmpty(own.get(f)))
          .forEach(base::remove);
    }
    merge(base, own);
    return MAPPER.convertValue(base, PredictorSpec.class);
  }

  private static void merge(ObjectNode base, ObjectNode own) {
    for (Map.Entry<String, JsonNode> field : own.properties()) {
      JsonNode value = field.getValue();
      if (value == null || value.isNull() || isEmpty(value)) {
        continue;
      }
      JsonNode under = base.get(field.getKey());
      if (value.isObject() && under != null && under.isObject()) {
        ObjectNode merged = under.deepCopy();
        merge(merged, (ObjectNode) value);
        base.set(field.getKey(), merged);
      } else {
        base.set(field.getKey(), value);
      }
    }
  }

  /** Go's zero values of containers: an empty object, array or string sets nothing. */
  private static boolean isEmpty(JsonNode value) {
    return value.isContainerNode()
        ? value.isEmpty()
        : value.isTextual() && value.asText().isEmpty();
  }
}
