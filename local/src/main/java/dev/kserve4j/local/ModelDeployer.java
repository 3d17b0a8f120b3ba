package dev.kserve4j.local;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.api.v1beta1.Batcher;
import dev.kserve4j.api.v1beta1.FailureReason;
import dev.kserve4j.common.KServeException;
import dev.kserve4j.plan.ComponentPlan;
import dev.kserve4j.plan.InferenceServicePlan;
import dev.kserve4j.server.config.ModelConfig;
import dev.kserve4j.server.repository.ModelRepository;
import dev.kserve4j.storage.ModelStorage;
import io.fabric8.kubernetes.api.model.Container;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Makes a plan's predictor serve in the in-process repository: fetches its {@code storageUri} as
 * KServe's storage initializer would, then adds the model, or replaces the serving one only once
 * the new one loaded.
 */
final class ModelDeployer {
  private final ModelRepository repository;
  private final ModelStorage storage;

  ModelDeployer(ModelRepository repository, ModelStorage storage) {
    this.repository = requireNonNull(repository, "repository");
    this.storage = requireNonNull(storage, "storage");
  }

  /**
   * Serves {@code plan}'s predictor as {@code modelName}; empty on success, else why not. On
   * failure the repository is as it was: a serving model keeps serving, a new one is not listed.
   *
   * @param batcher the predictor's {@code batcher}, or null
   * @param serving whether this InferenceService's previous revision serves {@code modelName}
   */
  Optional<Failure> deploy(
      String modelName, InferenceServicePlan plan, Batcher batcher, boolean serving) {
    ComponentPlan predictor = plan.predictor();
    if (predictor.runtime() == null) {
      return Optional.of(
          Failure.invalidSpec(
              FailureReason.INVALID_PREDICTOR_SPEC,
              "InvalidSpec",
              "spec.predictor: has no model (expected spec.predictor.model: embedded mode serves"
                  + " models with kserve4j runtimes and does not run custom containers)"));
    }
    if (plan.transformer().isPresent() || plan.explainer().isPresent()) {
      return Optional.of(
          Failure.invalidSpec(
              FailureReason.INVALID_PREDICTOR_SPEC,
              "InvalidSpec",
              "spec.transformer/spec.explainer: set (expected a predictor only: embedded mode does"
                  + " not run transformer or explainer containers)"));
    }
    if (predictor.canaryTrafficPercent() != null && predictor.canaryTrafficPercent() < 100) {
      return Optional.of(
          Failure.invalidSpec(
              FailureReason.INVALID_PREDICTOR_SPEC,
              "InvalidSpec",
              "spec.predictor.canaryTrafficPercent: "
                  + predictor.canaryTrafficPercent()
                  + " (expected unset or 100: embedded mode moves all traffic to the latest ready"
                  + " revision and does not split it yet)"));
    }
    if (!plan.canaries().isEmpty()) {
      return Optional.of(
          Failure.invalidSpec(
              FailureReason.INVALID_PREDICTOR_SPEC,
              "InvalidSpec",
              "spec.canary: "
                  + plan.canaries().size()
                  + " variants "
                  + plan.canaries().stream().map(c -> c.name()).toList()
                  + " (expected none: embedded mode serves the stable predictor only; `kserve4j"
                  + " controller` runs canaries on Kubernetes)"));
    }
    Optional<EmbeddedLaunch> launch;
    try {
      Container container = predictor.container();
      launch =
          EmbeddedRuntimes.launch(predictor)
              .map(
                  l ->
                      l.withBatcher(batcher)
                          .withGpuResources(container == null ? null : container.getResources()));
    } catch (IllegalArgumentException e) {
      return Optional.of(
          Failure.invalidSpec(
              FailureReason.INVALID_PREDICTOR_SPEC,
              "InvalidSpec",
              (predictor.runtimeClusterScoped() ? "ClusterServingRuntime '" : "ServingRuntime '")
                  + predictor.runtime()
                  + "': "
                  + e.getMessage()));
    }
    if (launch.isEmpty()) {
      return Optional.of(
          Failure.invalidSpec(
              FailureReason.RUNTIME_NOT_RECOGNIZED,
              "RuntimeNotRecognized",
              (predictor.runtimeClusterScoped() ? "ClusterServingRuntime '" : "ServingRuntime '")
                  + predictor.runtime()
                  + "' is not a kserve4j runtime (expected a"
                  + " kserve4j-* runtime: embedded mode runs kserve4j runtimes only)"));
    }
    if (!serving && repository.names().contains(modelName)) {
      return Optional.of(
          Failure.invalidSpec(
              FailureReason.INVALID_PREDICTOR_SPEC,
              "NameConflict",
              "metadata.name: model '"
                  + modelName
                  + "' is already served by this server outside the"
                  + " control plane (expected a name the server does not serve yet)"));
    }
    if (predictor.storage().isEmpty()) {
      return Optional.of(
          Failure.invalidSpec(
              FailureReason.INVALID_PREDICTOR_SPEC,
              "InvalidSpec",
              "spec.predictor.model.storageUri: missing (expected the location of the model"
                  + " files)"));
    }
    if (predictor.storage().size() > 1) {
      return Optional.of(
          Failure.invalidSpec(
              FailureReason.INVALID_PREDICTOR_SPEC,
              "InvalidSpec",
              "spec.predictor.model.storageUris: "
                  + predictor.storage().size()
                  + " locations"
                  + " (expected one: embedded mode loads a model from a single location)"));
    }
    String uri = predictor.storage().getFirst().uri();
    Path directory;
    try {
      directory = storage.fetch(uri);
    } catch (KServeException | IllegalArgumentException e) {
      // KServe reports a failed storage initializer as a failed model load of the revision.
      return Optional.of(
          Failure.loadFailed(
              "StorageInitializerFailed", "storageUri '" + uri + "': " + e.getMessage()));
    }
    EmbeddedLaunch how = launch.get();
    ModelConfig model =
        new ModelConfig(modelName, null, directory, how.format(), how.options(), how.batching());
    try {
      if (serving) {
        repository.replace(model);
      } else {
        repository.add(model);
      }
    } catch (RuntimeException e) {
      if (!serving) {
        forget(modelName);
      }
      return Optional.of(
          Failure.loadFailed(
              "ModelLoadFailed",
              "model '"
                  + modelName
                  + "' from "
                  + directory
                  + " (format "
                  + how.format()
                  + ") failed to load: "
                  + e.getMessage()));
    }
    return Optional.empty();
  }

  /** Stops serving {@code modelName}; nothing when it is not served. */
  void undeploy(String modelName) {
    forget(modelName);
  }

  /** {@link ModelRepository#add} leaves a model that failed to load listed; drop it. */
  private void forget(String modelName) {
    if (repository.names().contains(modelName)) {
      try {
        repository.remove(modelName);
      } catch (KServeException e) {
        // Removed concurrently by someone else: the wanted end state.
      }
    }
  }
}
