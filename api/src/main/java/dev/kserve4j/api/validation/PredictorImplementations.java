package dev.kserve4j.api.validation;

import dev.kserve4j.api.v1beta1.PredictorExtensionSpec;
import dev.kserve4j.api.v1beta1.PredictorSpec;
import io.fabric8.kubernetes.api.model.Container;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The ways a predictor names its model server, as KServe's {@code
 * PredictorSpec.GetImplementations()} counts them: each framework shortcut that is set, {@code
 * model}, and custom containers.
 *
 * <p>Containers count once per container named {@code kserve-container}, or once in all when
 * nothing else is set; other containers next to a shortcut or {@code model} are sidecars.
 */
final class PredictorImplementations {
  /**
   * The container name KServe gives the model server ({@code
   * constants.InferenceServiceContainerName}).
   */
  static final String SERVER_CONTAINER = "kserve-container";

  /** The allowed implementations, named as in the document, for the "exactly one of" message. */
  static final List<String> NAMES = PredictorSpec.IMPLEMENTATION_FIELDS;

  private PredictorImplementations() {}

  /**
   * The framework shortcuts that are set, by field name, in the order KServe's defaulting tests
   * them ({@code setPredictorModelDefaults}).
   */
  static Map<String, PredictorExtensionSpec> shortcuts(PredictorSpec p) {
    Map<String, PredictorExtensionSpec> all = new LinkedHashMap<>();
    all.put("sklearn", p.getSklearn());
    all.put("tensorflow", p.getTensorflow());
    all.put("xgboost", p.getXgboost());
    all.put("pytorch", p.getPytorch());
    all.put("triton", p.getTriton());
    all.put("onnx", p.getOnnx());
    all.put("huggingface", p.getHuggingface());
    all.put("pmml", p.getPmml());
    all.put("lightgbm", p.getLightgbm());
    all.put("paddle", p.getPaddle());
    all.values().removeIf(Objects::isNull);
    return all;
  }

  /**
   * The field names of every implementation that is set; {@code containers} may appear more than
   * once.
   */
  static List<String> of(PredictorSpec p) {
    List<String> found = new ArrayList<>(shortcuts(p).keySet());
    if (p.getModel() != null) {
      found.add("model");
    }
    List<Container> containers = p.getContainers() == null ? List.of() : p.getContainers();
    for (Container c : containers) {
      if (SERVER_CONTAINER.equals(c.getName())) {
        found.add("containers");
      }
    }
    if (found.isEmpty() && !containers.isEmpty()) {
      found.add("containers");
    }
    return found;
  }

  /**
   * KServe's message for a component without exactly one implementation ({@code
   * ExactlyOneErrorFor}).
   */
  static String exactlyOneMessage(List<String> names, String component) {
    return "exactly one of [" + String.join(", ", names) + "] must be specified in " + component;
  }
}
