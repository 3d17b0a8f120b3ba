package dev.kserve4j.controller;

import dev.kserve4j.api.ProtocolVersion;
import dev.kserve4j.api.v1alpha1.ClusterServingRuntime;
import dev.kserve4j.api.v1alpha1.ServingRuntime;
import dev.kserve4j.api.v1alpha1.ServingRuntimeSpec;
import dev.kserve4j.api.v1beta1.InferenceService;
import dev.kserve4j.api.v1beta1.ModelSpec;
import dev.kserve4j.api.v1beta1.PredictorExtensionSpec;
import dev.kserve4j.api.v1beta1.PredictorSpec;
import dev.kserve4j.api.v1beta1.TransformerSpec;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The URL an InferenceGraph step with {@code serviceName} calls, as KServe's {@code
 * GetPredictorEndpoint} resolves it: the InferenceService's {@code status.address.url} followed by
 * the predict path of its protocol and model name, {@code /v1/models/{model}:predict} (V1) or
 * {@code /v2/models/{model}/infer} (V2). The protocol is the transformer's when there is one
 * ({@code PROTOCOL} in its first container's environment, else V1), otherwise the predictor's; a
 * predictor naming a runtime without a {@code protocolVersion} takes the runtime's first of V1 and
 * V2. A multi-model predictor (no storage) gets the bare address.
 */
final class PredictorEndpoint {
  private static final String PROTOCOL_ENV = "PROTOCOL";
  private static final String MULTI_MODEL_ENV = "MULTI_MODEL_SERVER";
  private static final String MLSERVER_MODEL_NAME_ENV = "MLSERVER_MODEL_NAME";

  /**
   * KServe's {@code ArgumentModelName}; kserve4j's server spells it {@code --model-name}, so both
   * count.
   */
  private static final List<String> MODEL_NAME_ARGS = List.of("--model_name", "--model-name");

  /**
   * The protocols a ServingRuntime or ClusterServingRuntime speaks; empty when there is no such
   * runtime.
   */
  interface Runtimes {
    Optional<List<ProtocolVersion>> protocols(String namespace, String runtime);

    /**
     * The namespace's ServingRuntime of that name, else the ClusterServingRuntime (KServe's {@code
     * GetServingRuntime}).
     */
    static Runtimes of(KubernetesClient client) {
      return (namespace, runtime) -> {
        ServingRuntime namespaced =
            client.resources(ServingRuntime.class).inNamespace(namespace).withName(runtime).get();
        if (namespaced != null) {
          return Optional.of(protocols(namespaced.getSpec()));
        }
        ClusterServingRuntime cluster =
            client.resources(ClusterServingRuntime.class).withName(runtime).get();
        return cluster == null ? Optional.empty() : Optional.of(protocols(cluster.getSpec()));
      };
    }

    private static List<ProtocolVersion> protocols(ServingRuntimeSpec spec) {
      return spec == null || spec.getProtocolVersions() == null
          ? List.of()
          : spec.getProtocolVersions();
    }
  }

  /** The URL, or why there is none yet (KServe's error text). */
  record Resolution(String url, String problem) {
    boolean resolved() {
      return url != null;
    }
  }

  private PredictorEndpoint() {}

  static Resolution resolve(InferenceService isvc, Runtimes runtimes) {
    String name = isvc.getMetadata().getName();
    String address =
        isvc.getStatus() == null || isvc.getStatus().getAddress() == null
            ? null
            : isvc.getStatus().getAddress().url();
    if (address == null || address.isEmpty()) {
      return new Resolution(null, "service " + name + " is not ready");
    }
    String model = modelName(isvc);
    TransformerSpec transformer = isvc.getSpec().getTransformer();
    PredictorSpec predictor = isvc.getSpec().getPredictor();
    if (transformer != null) {
      return new Resolution(
          address + predictPath(model, envProtocol(first(transformer.getContainers()))), null);
    }
    if (multiModel(predictor)) {
      return new Resolution(address, null);
    }
    ProtocolVersion protocol = predictorProtocol(predictor);
    ModelSpec spec = predictor.getModel();
    if (spec != null && spec.getRuntime() != null && spec.getProtocolVersion() == null) {
      Optional<List<ProtocolVersion>> spoken =
          runtimes.protocols(isvc.getMetadata().getNamespace(), spec.getRuntime());
      if (spoken.isEmpty()) {
        return new Resolution(
            null,
            "No ServingRuntimes or ClusterServingRuntimes with the name: " + spec.getRuntime());
      }
      if (!spoken.get().isEmpty()) {
        Optional<ProtocolVersion> usable =
            spoken.get().stream()
                .filter(p -> p == ProtocolVersion.V1 || p == ProtocolVersion.V2)
                .findFirst();
        if (usable.isEmpty()) {
          return new Resolution(
              null, "the runtime does not support a protocol compatible with Inference Graphs");
        }
        protocol = usable.get();
      }
    }
    return new Resolution(address + predictPath(model, protocol), null);
  }

  /** KServe's {@code PredictPath}; empty for protocols without a REST predict path. */
  static String predictPath(String model, ProtocolVersion protocol) {
    return switch (protocol) {
      case V1 -> "/v1/models/" + model + ":predict";
      case V2 -> "/v2/models/" + model + "/infer";
      case GRPC_V1, GRPC_V2 -> "";
    };
  }

  /**
   * KServe's {@code GetModelName}: a {@code --model_name} argument or MLServer's variable, else the
   * InferenceService's name.
   */
  static String modelName(InferenceService isvc) {
    TransformerSpec transformer = isvc.getSpec().getTransformer();
    Optional<String> fromTransformer =
        transformer == null
            ? Optional.empty()
            : Optional.ofNullable(first(transformer.getContainers()))
                .flatMap(c -> modelNameArg(c.getArgs()));
    if (fromTransformer.isPresent()) {
      return fromTransformer.get();
    }
    PredictorSpec predictor = isvc.getSpec().getPredictor();
    Optional<String> fromPredictor = Optional.empty();
    if (predictor.getModel() != null) {
      fromPredictor =
          env(predictor.getModel().getEnv(), MLSERVER_MODEL_NAME_ENV)
              .or(() -> modelNameArg(predictor.getModel().getArgs()));
    } else if (first(predictor.getContainers()) != null) {
      fromPredictor = modelNameArg(first(predictor.getContainers()).getArgs());
    }
    return fromPredictor.orElse(isvc.getMetadata().getName());
  }

  private static Optional<String> modelNameArg(List<String> args) {
    String found = null;
    List<String> all = args == null ? List.of() : args;
    for (int i = 0; i < all.size(); i++) {
      String arg = all.get(i);
      if (MODEL_NAME_ARGS.stream().noneMatch(arg::startsWith)) {
        continue;
      }
      String[] parts = arg.split("=");
      if (parts.length == 2) {
        found = parts[1];
      }
      if (i + 1 < all.size() && !all.get(i + 1).startsWith("--")) {
        found = all.get(i + 1);
      }
    }
    return Optional.ofNullable(found);
  }

  /**
   * The protocol of the predictor's implementation: its {@code protocolVersion}, or a custom
   * container's {@code PROTOCOL}.
   */
  private static ProtocolVersion predictorProtocol(PredictorSpec predictor) {
    PredictorExtensionSpec implementation = implementation(predictor);
    if (implementation != null) {
      return implementation.getProtocolVersion() == null
          ? ProtocolVersion.V1
          : implementation.getProtocolVersion();
    }
    List<Container> containers =
        predictor.getContainers() == null ? List.of() : predictor.getContainers();
    Container server =
        containers.stream()
            .filter(c -> "transformer-container".equals(c.getName()))
            .findFirst()
            .orElse(first(containers));
    return envProtocol(server);
  }

  private static PredictorExtensionSpec implementation(PredictorSpec p) {
    return Stream.of(
            p.getSklearn(),
            p.getXgboost(),
            p.getTensorflow(),
            p.getPytorch(),
            p.getTriton(),
            p.getOnnx(),
            p.getHuggingface(),
            p.getPmml(),
            p.getLightgbm(),
            p.getPaddle(),
            p.getModel())
        .filter(Objects::nonNull)
        .findFirst()
        .orElse(null);
  }

  /**
   * KServe's {@code IsMMSPredictor}: a custom container flagged multi-model, or a framework without
   * storage.
   */
  private static boolean multiModel(PredictorSpec predictor) {
    PredictorExtensionSpec implementation = implementation(predictor);
    if (implementation == null) {
      Container server = first(predictor.getContainers());
      return server != null
          && env(server.getEnv(), MULTI_MODEL_ENV).filter("true"::equals).isPresent();
    }
    boolean huggingface =
        predictor.getHuggingface() != null
            || (predictor.getModel() != null
                && predictor.getModel().getModelFormat() != null
                && "huggingface".equals(predictor.getModel().getModelFormat().name()));
    boolean storage =
        implementation.getStorageUri() != null
            || implementation.getStorage() != null
            || (predictor.getStorageUris() != null && !predictor.getStorageUris().isEmpty());
    return !huggingface && !storage;
  }

  private static ProtocolVersion envProtocol(Container container) {
    Optional<String> value =
        container == null ? Optional.empty() : env(container.getEnv(), PROTOCOL_ENV);
    return value
        .map(
            v ->
                switch (v) {
                  case "v2" -> ProtocolVersion.V2;
                  case "grpc-v1" -> ProtocolVersion.GRPC_V1;
                  case "grpc-v2" -> ProtocolVersion.GRPC_V2;
                  default -> ProtocolVersion.V1;
                })
        .orElse(ProtocolVersion.V1);
  }

  private static Optional<String> env(List<EnvVar> env, String name) {
    return env == null
        ? Optional.empty()
        : env.stream().filter(e -> name.equals(e.getName())).map(EnvVar::getValue).findFirst();
  }

  private static Container first(List<Container> containers) {
    return containers == null || containers.isEmpty() ? null : containers.getFirst();
  }
}
