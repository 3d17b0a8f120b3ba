package dev.kserve4j.controller;

import dev.kserve4j.api.ProtocolVersion;
import dev.kserve4j.api.v1alpha1.SupportedModelFormat;
import dev.kserve4j.api.v1beta1.InferenceService;
import dev.kserve4j.api.v1beta1.ModelSpec;
import dev.kserve4j.api.v1beta1.PredictorSpec;
import dev.kserve4j.api.validation.InferenceServiceDefaulter;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a TrainedModel needs to know of its parent InferenceService's predictor, read from the
 * defaulted spec as KServe's TrainedModel controller reads it.
 *
 * @param frameworks the frameworks it serves, lower case; empty when any is accepted (custom
 *     containers)
 * @param anyFramework whether every framework is accepted (custom containers, as KServe's custom
 *     predictor)
 * @param multiModel KServe's {@code IsMMSPredictor}: a model predictor without {@code storageUri}
 *     or {@code storage} (and not huggingface), or a custom container with {@code
 *     MULTI_MODEL_SERVER=true}
 * @param protocol the protocol of the predictor, {@code v1} unless given or defaulted
 * @param memoryLimit the model server container's memory limit in bytes, zero when none is set
 */
record ParentPredictor(
    Set<String> frameworks,
    boolean anyFramework,
    boolean multiModel,
    ProtocolVersion protocol,
    BigDecimal memoryLimit) {
  /** KServe's {@code constants.CustomSpecMultiModelServerEnvVarKey}. */
  static final String MULTI_MODEL_SERVER_ENV = "MULTI_MODEL_SERVER";

  /**
   * The frameworks of KServe's Triton predictor ({@code predictors.triton.supportedFrameworks}).
   */
  private static final List<String> TRITON_FRAMEWORKS =
      List.of("tensorflow", "onnx", "pytorch", "caffe2", "tensorrt");

  /**
   * The predictor of {@code isvc}; {@code runtimeFormats} are the model formats of the runtime its
   * status names, also accepted as frameworks.
   */
  static ParentPredictor of(InferenceService isvc, List<SupportedModelFormat> runtimeFormats) {
    PredictorSpec predictor = new InferenceServiceDefaulter().apply(isvc).getSpec().getPredictor();
    ModelSpec model = predictor == null ? null : predictor.getModel();
    if (model == null) {
      List<Container> containers =
          predictor == null || predictor.getContainers() == null
              ? List.of()
              : predictor.getContainers();
      Container server = containers.isEmpty() ? null : containers.getFirst();
      boolean mms =
          server != null
              && server.getEnv() != null
              && server.getEnv().stream()
                  .anyMatch(
                      e ->
                          MULTI_MODEL_SERVER_ENV.equals(e.getName())
                              && "true".equals(e.getValue()));
      return new ParentPredictor(
          Set.of(), server != null, mms, ProtocolVersion.V1, memoryLimit(server));
    }
    Set<String> frameworks = new TreeSet<>();
    String format = model.getModelFormat() == null ? null : model.getModelFormat().name();
    if (format != null) {
      frameworks.add(format.toLowerCase(Locale.ROOT));
      if (format.equalsIgnoreCase("triton")) {
        frameworks.addAll(TRITON_FRAMEWORKS);
      }
    }
    runtimeFormats.forEach(f -> frameworks.add(f.name().toLowerCase(Locale.ROOT)));
    boolean mms =
        model.getStorageUri() == null
            && model.getStorage() == null
            && !"huggingface".equalsIgnoreCase(format);
    ProtocolVersion protocol =
        model.getProtocolVersion() == null ? ProtocolVersion.V1 : model.getProtocolVersion();
    return new ParentPredictor(Set.copyOf(frameworks), false, mms, protocol, memoryLimit(model));
  }

  /** Whether {@code framework} is served (compared without case). */
  boolean supports(String framework) {
    return anyFramework
        || (framework != null && frameworks.contains(framework.toLowerCase(Locale.ROOT)));
  }

  /**
   * KServe's {@code constants.PredictPath}: {@code /v1/models/{name}:predict} for v1, {@code
   * /v2/models/{name}/infer} for v2, nothing for the gRPC protocols.
   */
  String predictPath(String name) {
    return switch (protocol) {
      case V1 -> "/v1/models/" + name + ":predict";
      case V2 -> "/v2/models/" + name + "/infer";
      case GRPC_V1, GRPC_V2 -> "";
    };
  }

  private static BigDecimal memoryLimit(Container container) {
    Quantity limit =
        container == null
                || container.getResources() == null
                || container.getResources().getLimits() == null
            ? null
            : container.getResources().getLimits().get("memory");
    return limit == null ? BigDecimal.ZERO : limit.getNumericalAmount();
  }
}
