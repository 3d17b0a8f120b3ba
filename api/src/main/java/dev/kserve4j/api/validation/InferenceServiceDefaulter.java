package dev.kserve4j.api.validation;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.kserve4j.api.ProtocolVersion;
import dev.kserve4j.api.ResourceCodec;
import dev.kserve4j.api.v1beta1.ComponentSpec;
import dev.kserve4j.api.v1beta1.InferenceService;
import dev.kserve4j.api.v1beta1.ModelFormat;
import dev.kserve4j.api.v1beta1.ModelSpec;
import dev.kserve4j.api.v1beta1.PredictorExtensionSpec;
import dev.kserve4j.api.v1beta1.PredictorSpec;
import io.fabric8.kubernetes.api.model.Container;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies the defaults of KServe's InferenceService mutating webhook that need no cluster
 * configuration ({@code DefaultInferenceService} in {@code inference_service_defaults.go}).
 *
 * <p>It renames the legacy deployment modes ({@code RawDeployment} to {@code Standard}, {@code
 * Serverless} to {@code Knative}); rewrites a framework shortcut ({@code predictor.sklearn}, ...)
 * into {@code predictor.model} with {@code modelFormat.name} set to the framework and every other
 * field kept (KServe sets no {@code modelFormat.version}; {@code runtimeVersion} stays the image
 * tag); defaults {@code protocolVersion} to {@code v2} for triton, onnx and huggingface shortcuts
 * and for {@code triton} and {@code vLLM} models; adds the {@code modelFormat} annotation; and
 * names the model server container of custom components {@code kserve-container}.
 *
 * <p>Like KServe it does not write {@code minReplicas}: an absent value means {@link
 * #DEFAULT_MIN_REPLICAS} to the validator and the controllers. Defaults that come from the {@code
 * inferenceservice-config} ConfigMap (resources, default deployment mode, service account token)
 * are not applied here. A predictor with more than one implementation is left as given for the
 * validator to reject, where KServe would let a shortcut overwrite {@code model}.
 */
public final class InferenceServiceDefaulter {
  /**
   * The minimum replicas an absent {@code minReplicas} means ({@code
   * constants.DefaultMinReplicas}).
   */
  public static final int DEFAULT_MIN_REPLICAS = 1;

  static final String DEPLOYMENT_MODE = "serving.kserve.io/deploymentMode";
  static final String MODEL_FORMAT_ANNOTATION = "modelFormat";
  private static final Map<String, String> LEGACY_MODES =
      Map.of("RawDeployment", "Standard", "Serverless", "Knative");
  private static final Set<String> V2_SHORTCUTS = Set.of("triton", "onnx", "huggingface");
  private static final Set<String> V2_MODEL_FORMATS = Set.of("triton", "vLLM");

  private final ResourceCodec codec = new ResourceCodec();
  private final ObjectMapper mapper =
      JsonMapper.builder().serializationInclusion(JsonInclude.Include.NON_NULL).build();

  /** A defaulted copy of {@code isvc}; the argument is not changed. */
  public InferenceService apply(InferenceService isvc) {
    requireNonNull(isvc, "isvc");
    InferenceService copy =
        codec.read(codec.toJson(isvc), "InferenceService to default", InferenceService.class);
    renameLegacyDeploymentMode(copy);
    if (copy.getSpec() == null) {
      return copy;
    }
    PredictorSpec predictor = copy.getSpec().getPredictor();
    if (predictor != null) {
      defaultPredictor(copy, predictor);
    }
    ComponentSpec transformer = copy.getSpec().getTransformer();
    if (transformer != null) {
      nameFirstContainer(transformer.getContainers());
    }
    if (copy.getSpec().getExplainer() != null && copy.getSpec().getExplainer().getArt() == null) {
      nameFirstContainer(copy.getSpec().getExplainer().getContainers());
    }
    return copy;
  }

  private static void renameLegacyDeploymentMode(InferenceService isvc) {
    Map<String, String> annotations = isvc.getMetadata().getAnnotations();
    String mode = annotations == null ? null : annotations.get(DEPLOYMENT_MODE);
    // LEGACY_MODES is an immutable map, whose containsKey(null) throws.
    if (mode != null && LEGACY_MODES.containsKey(mode)) {
      annotations.put(DEPLOYMENT_MODE, LEGACY_MODES.get(mode));
    }
  }

  private void defaultPredictor(InferenceService isvc, PredictorSpec predictor) {
    List<String> implementations = PredictorImplementations.of(predictor);
    if (implementations.size() != 1) {
      return;
    }
    Map<String, PredictorExtensionSpec> shortcuts = PredictorImplementations.shortcuts(predictor);
    if (!shortcuts.isEmpty()) {
      Map.Entry<String, PredictorExtensionSpec> shortcut = shortcuts.entrySet().iterator().next();
      predictor.setModel(toModel(shortcut.getKey(), shortcut.getValue()));
      clearShortcuts(predictor);
    }
    ModelSpec model = predictor.getModel();
    if (model != null && model.getModelFormat() != null) {
      String format = model.getModelFormat().name();
      if (model.getProtocolVersion() == null && V2_MODEL_FORMATS.contains(format)) {
        model.setProtocolVersion(ProtocolVersion.V2);
      }
      if (format != null && !format.isEmpty()) {
        Map<String, String> annotations = new LinkedHashMap<>();
        if (isvc.getMetadata().getAnnotations() != null) {
          annotations.putAll(isvc.getMetadata().getAnnotations());
        }
        annotations.putIfAbsent(MODEL_FORMAT_ANNOTATION, format);
        isvc.getMetadata().setAnnotations(annotations);
      }
    }
    if (implementations.equals(List.of("containers"))
        && (predictor.getContainers().size() == 1
            || predictor.getContainers().getFirst().getName() == null
            || predictor.getContainers().getFirst().getName().isEmpty())) {
      predictor.getContainers().getFirst().setName(PredictorImplementations.SERVER_CONTAINER);
    }
  }

  private ModelSpec toModel(String framework, PredictorExtensionSpec shortcut) {
    ModelSpec model = mapper.convertValue(shortcut, ModelSpec.class);
    model.setModelFormat(new ModelFormat(framework, null));
    if (model.getProtocolVersion() == null && V2_SHORTCUTS.contains(framework)) {
      model.setProtocolVersion(ProtocolVersion.V2);
    }
    return model;
  }

  private static void clearShortcuts(PredictorSpec p) {
    p.setSklearn(null);
    p.setTensorflow(null);
    p.setXgboost(null);
    p.setPytorch(null);
    p.setTriton(null);
    p.setOnnx(null);
    p.setHuggingface(null);
    p.setPmml(null);
    p.setLightgbm(null);
    p.setPaddle(null);
  }

  /**
   * KServe's custom transformer and explainer name their first container {@code kserve-container}.
   */
  private static void nameFirstContainer(List<Container> containers) {
    if (containers != null && !containers.isEmpty()) {
      containers.getFirst().setName(PredictorImplementations.SERVER_CONTAINER);
    }
  }
}
