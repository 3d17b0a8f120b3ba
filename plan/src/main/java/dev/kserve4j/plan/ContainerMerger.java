package dev.kserve4j.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Container;
import java.util.Map;
import java.util.Set;

/**
 * Merges a runtime's container with the predictor's container fields as KServe's {@code
 * MergeRuntimeContainers} does: a strategic merge patch of the predictor's fields over the
 * runtime's, except that {@code args} are the runtime's followed by the predictor's.
 *
 * <p>Strategic merge keys of {@code corev1.Container}: {@code env} by {@code name}, {@code ports}
 * by {@code containerPort}, {@code volumeMounts} by {@code mountPath}; objects such as {@code
 * resources} merge field by field; other lists and scalars are replaced.
 */
final class ContainerMerger {
  /** The predictor fields that are not container fields. */
  private static final Set<String> NOT_CONTAINER =
      Set.of(
          "storageUri",
          "runtimeVersion",
          "protocolVersion",
          "storage",
          "confidential",
          "modelFormat",
          "runtime");

  private static final Map<String, String> MERGE_KEYS =
      Map.of("env", "name", "ports", "containerPort", "volumeMounts", "mountPath", "envFrom", "");

  private final ObjectMapper mapper =
      JsonMapper.builder().serializationInclusion(JsonInclude.Include.NON_EMPTY).build();

  /** The merged container; neither argument is changed. */
  Container merge(Container runtime, Container predictor) {
    ObjectNode merged = mapper.valueToTree(runtime);
    ObjectNode patch = mapper.valueToTree(predictor);
    NOT_CONTAINER.forEach(patch::remove);
    patch.remove("name");
    patch
        .properties()
        .forEach(
            e -> {
              String field = e.getKey();
              JsonNode value = e.getValue();
              if (field.equals("args")) {
                ArrayNode args =
                    merged.has("args")
                        ? ((ArrayNode) merged.get("args")).deepCopy()
                        : mapper.createArrayNode();
                args.addAll((ArrayNode) value);
                merged.set("args", args);
              } else {
                merged.set(field, mergeValue(field, merged.get(field), value));
              }
            });
    return mapper.convertValue(merged, Container.class);
  }

  private JsonNode mergeValue(String field, JsonNode base, JsonNode patch) {
    if (base == null || base.isNull()) {
      return patch;
    }
    if (base.isObject() && patch.isObject()) {
      ObjectNode out = ((ObjectNode) base).deepCopy();
      patch
          .properties()
          .forEach(
              e -> out.set(e.getKey(), mergeValue(e.getKey(), out.get(e.getKey()), e.getValue())));
      return out;
    }
    String key = MERGE_KEYS.get(field);
    if (key != null && !key.isEmpty() && base.isArray() && patch.isArray()) {
      ArrayNode out = ((ArrayNode) base).deepCopy();
      for (JsonNode item : patch) {
        int at = indexOf(out, key, item.get(key));
        if (at < 0) {
          out.add(item);
        } else {
          out.set(at, mergeValue("", out.get(at), item));
        }
      }
      return out;
    }
    return patch;
  }

  private static int indexOf(ArrayNode items, String key, JsonNode value) {
    for (int i = 0; i < items.size(); i++) {
      if (value != null && value.equals(items.get(i).get(key))) {
        return i;
      }
    }
    return -1;
  }

  /** Container fields as a plain container, for components without a runtime. */
  Container copy(Container container) {
    ObjectNode tree = mapper.valueToTree(container);
    NOT_CONTAINER.forEach(tree::remove);
    return mapper.convertValue(tree, Container.class);
  }

  /**
   * A container whose image tag is {@code version}, as KServe's {@code UpdateImageTag} does for
   * {@code runtimeVersion}.
   */
  static Container withImageTag(Container c, String version) {
    String image = c.getImage();
    if (version == null || image == null || image.contains("@sha256:")) {
      return c;
    }
    int slash = image.lastIndexOf('/');
    int colon = image.lastIndexOf(':');
    String repository = colon > slash ? image.substring(0, colon) : image;
    c.setImage(repository + ":" + version);
    return c;
  }
}
