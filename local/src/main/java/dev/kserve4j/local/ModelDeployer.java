package dev.kserve4j.local;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.api.v1beta1.Batcher;
import dev.kserve4j.api.v1beta1.ComponentSpec;
import dev.kserve4j.api.v1beta1.FailureReason;
import dev.kserve4j.api.v1beta1.InferenceService;
import dev.kserve4j.common.KServeException;
import dev.kserve4j.plan.ComponentPlan;
import dev.kserve4j.plan.EmbeddedContainer;
import dev.kserve4j.plan.EmbeddedContainerAnalyzer;
import dev.kserve4j.plan.InferenceServicePlan;
import dev.kserve4j.server.config.ModelConfig;
import dev.kserve4j.server.config.ReplicaSettings;
import dev.kserve4j.server.repository.ModelRepository;
import dev.kserve4j.storage.ModelStorage;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Makes a plan's predictor serve in the in-process repository: decides what it serves ({@link
 * #prepare}: a model of a kserve4j runtime, or a kserve4j image's custom container with {@code
 * STORAGE_URI}), fetches its model as KServe's storage initializer would, then loads it under a
 * revision's or canary variant's name beside what serves ({@link #deploy}).
 */
final class ModelDeployer {
  private final ModelRepository repository;
  private final ModelStorage storage;
  private final EmbeddedContainerAnalyzer containers = new EmbeddedContainerAnalyzer();
  private final LocalAutoscaler autoscaler;

  ModelDeployer(ModelRepository repository, ModelStorage storage, LocalAutoscaler autoscaler) {
    this.repository = requireNonNull(repository, "repository");
    this.storage = requireNonNull(storage, "storage");
    this.autoscaler = requireNonNull(autoscaler, "autoscaler");
  }

  /**
   * {@code prepared} served by a set of replicas, autoscaled with the settings KServe maps from
   * {@code desired}'s component (its {@code minReplicas}, {@code maxReplicas}, {@code scaleTarget},
   * {@code scaleMetric}, {@code containerConcurrency} and {@code autoscaling.knative.dev/*}
   * annotations); refused, naming the field, when Knative or KServe would refuse them. A refusal
   * passes through.
   */
  Prepared scaled(Prepared prepared, InferenceService desired, ComponentPlan component) {
    if (!(prepared instanceof Launch launch)) {
      return prepared;
    }
    String name = component.component();
    Map<String, String> annotations = new LinkedHashMap<>();
    if (desired.getMetadata().getAnnotations() != null) {
      annotations.putAll(desired.getMetadata().getAnnotations());
    }
    ComponentSpec spec =
        switch (name) {
          case "transformer" -> desired.getSpec().getTransformer();
          case "explainer" -> desired.getSpec().getExplainer();
          default -> desired.getSpec().getPredictor();
        };
    if (spec != null && spec.getAnnotations() != null) {
      annotations.putAll(spec.getAnnotations());
    }
    try {
      return launch.withReplicas(
          autoscaler.settings(Key.of(desired), name, "spec." + name, component, annotations));
    } catch (KServeException | IllegalArgumentException e) {
      return invalid(e.getMessage());
    }
  }

  /** What {@link #prepare} decided: a {@link Launch}, or {@link Refused} with why not. */
  sealed interface Prepared permits Launch, Refused {}

  /**
   * A predictor's model, before its files are fetched.
   *
   * @param modelName the name it is served under
   * @param storageUri where its files come from
   * @param model the model to load from the folder the files were fetched to
   */
  record Launch(String modelName, String storageUri, Function<Path, ModelConfig> model)
      implements Prepared {
    /** The same launch with its model served by replicas set up by {@code replicas}. */
    Launch withReplicas(ReplicaSettings replicas) {
      return new Launch(modelName, storageUri, model.andThen(m -> m.withReplicas(replicas)));
    }
  }

  /** Why the predictor cannot serve in-process. */
  record Refused(Failure failure) implements Prepared {}

  /**
   * What {@code plan}'s predictor serves in-process: the model of a kserve4j runtime under the
   * InferenceService's name, or the model of a custom container on a kserve4j image under the name
   * its args give; refused, with why, for what one process cannot run.
   *
   * @param isvcName the InferenceService's name
   * @param batcher the predictor's {@code batcher}, or null
   */
  Prepared prepare(String isvcName, InferenceServicePlan plan, Batcher batcher) {
    ComponentPlan predictor = plan.predictor();
    return prepare(isvcName, predictor, batcher);
  }

  /**
   * What one predictor (the stable one or a {@code spec.canary[]} variant, its spec merged over the
   * stable one's by the plan) serves in-process, as {@link #prepare(String, InferenceServicePlan,
   * Batcher)}.
   */
  Prepared prepare(String isvcName, ComponentPlan predictor, Batcher batcher) {
    Container container = predictor.container();
    ResourceRequirements resources = container == null ? null : container.getResources();
    if (predictor.runtime() == null) {
      return customContainer(predictor, batcher, resources);
    }
    Optional<EmbeddedLaunch> launch;
    try {
      launch = EmbeddedRuntimes.launch(predictor).map(l -> l.withBatcher(batcher));
    } catch (IllegalArgumentException e) {
      return invalid(runtimeName(predictor) + ": " + e.getMessage());
    }
    if (launch.isEmpty()) {
      return new Refused(
          Failure.invalidSpec(
              FailureReason.RUNTIME_NOT_RECOGNIZED,
              "RuntimeNotRecognized",
              runtimeName(predictor)
                  + " is not a kserve4j runtime (expected a"
                  + " kserve4j-* runtime: embedded mode runs kserve4j runtimes only)"));
    }
    if (predictor.storage().isEmpty()) {
      return invalid(
          "spec.predictor.model.storageUri: missing (expected the location of the model"
              + " files)");
    }
    if (predictor.storage().size() > 1) {
      return invalid(
          "spec.predictor.model.storageUris: "
              + predictor.storage().size()
              + " locations"
              + " (expected one: embedded mode loads a model from a single location)");
    }
    EmbeddedLaunch how = launch.get().withGpuResources(resources);
    return new Launch(
        isvcName,
        predictor.storage().getFirst().uri(),
        dir -> new ModelConfig(isvcName, null, dir, how.format(), how.options(), how.batching()));
  }

  /** A custom container: served when it is a kserve4j image's {@code serve} with STORAGE_URI. */
  private Prepared customContainer(
      ComponentPlan predictor, Batcher batcher, ResourceRequirements resources) {
    EmbeddedContainer analysis = containers.analyze(predictor);
    if (!analysis.runnable()) {
      return invalid(
          analysis.refusals().stream().map(Object::toString).collect(Collectors.joining("; ")));
    }
    ContainerLaunch launch;
    try {
      launch = ContainerLaunch.of(analysis, batcher, resources);
    } catch (IllegalArgumentException e) {
      return invalid(e.getMessage());
    }
    return new Launch(launch.modelName(), launch.storageUri(), launch::model);
  }

  /**
   * Fetches {@code launch}'s files and loads its model under {@code repositoryName} (a revision's
   * or a canary variant's name), beside what already serves; empty on success, else why not. On
   * failure the repository is as it was.
   */
  Optional<Failure> deploy(Launch launch, String repositoryName) {
    String modelName = launch.modelName();
    if (repository.names().contains(modelName)) {
      return Optional.of(
          Failure.invalidSpec(
              FailureReason.INVALID_PREDICTOR_SPEC,
              "NameConflict",
              "metadata.name: model '"
                  + modelName
                  + "' is already served by this server outside the"
                  + " control plane (expected a name the server does not serve yet)"));
    }
    String uri = launch.storageUri();
    Path directory;
    try {
      directory = storage.fetch(uri);
    } catch (KServeException | IllegalArgumentException e) {
      // KServe reports a failed storage initializer as a failed model load of the revision.
      return Optional.of(
          Failure.loadFailed(
              "StorageInitializerFailed", "storageUri '" + uri + "': " + e.getMessage()));
    }
    ModelConfig model;
    try {
      ModelConfig named = launch.model().apply(directory);
      model =
          new ModelConfig(
              repositoryName,
              named.version(),
              named.directory(),
              named.format(),
              named.options(),
              named.batching(),
              named.replicas());
    } catch (IllegalArgumentException e) {
      return Optional.of(
          Failure.invalidSpec(FailureReason.INVALID_PREDICTOR_SPEC, "InvalidSpec", e.getMessage()));
    }
    forget(repositoryName); // a revision that failed before and is retried
    try {
      repository.add(model);
    } catch (RuntimeException e) {
      forget(repositoryName);
      return Optional.of(
          Failure.loadFailed(
              "ModelLoadFailed",
              "model '"
                  + modelName
                  + "' from "
                  + model.directory()
                  + " (format "
                  + (model.format() == null ? "detected from the files" : model.format())
                  + ") failed to load: "
                  + e.getMessage()));
    }
    return Optional.empty();
  }

  private static Refused invalid(String message) {
    return new Refused(
        Failure.invalidSpec(FailureReason.INVALID_PREDICTOR_SPEC, "InvalidSpec", message));
  }

  private static String runtimeName(ComponentPlan predictor) {
    return (predictor.runtimeClusterScoped() ? "ClusterServingRuntime '" : "ServingRuntime '")
        + predictor.runtime()
        + "'";
  }

  /**
   * Stops serving the repository model {@code modelName} once its calls in progress finished;
   * nothing when it is not served.
   */
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
