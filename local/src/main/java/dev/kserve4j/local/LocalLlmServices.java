package dev.kserve4j.local;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.api.ResourceCodec;
import dev.kserve4j.api.knative.Addressable;
import dev.kserve4j.api.knative.Condition;
import dev.kserve4j.api.v1alpha1.llm.LLMInferenceService;
import dev.kserve4j.api.v1alpha1.llm.LLMInferenceServiceStatus;
import dev.kserve4j.api.validation.FieldError;
import dev.kserve4j.common.KServeException;
import dev.kserve4j.plan.PlanConfig;
import dev.kserve4j.plan.llm.LLMInferenceServicePlan;
import dev.kserve4j.plan.llm.LLMInferenceServicePlanner;
import dev.kserve4j.plan.llm.LLMPlanResult;
import dev.kserve4j.server.config.ModelConfig;
import dev.kserve4j.server.repository.ModelRepository;
import dev.kserve4j.storage.ModelStorage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Runs LLMInferenceServices on one machine: a single-node GGUF model is fetched from {@code
 * spec.model.uri} and served by the llama.cpp runtime (format {@code gguf}) under {@code
 * spec.model.name} (else the resource's name), so the OpenAI API answers for it. What one machine
 * cannot run (multi-node parallelism, prefill/decode split, a scheduler, a model that is not a GGUF
 * file) is refused in the status, naming each field, as is an invalid spec.
 *
 * <p>Conditions: {@code MainWorkloadReady}, {@code WorkloadsReady} and {@code Ready}. A failed
 * change leaves the model that served before serving. Callers serialize changes.
 */
final class LocalLlmServices {
  private final ModelRepository repository;
  private final ModelStorage storage;
  private final PlanConfig config;
  private final Clock clock;
  private final LLMInferenceServicePlanner planner = new LLMInferenceServicePlanner();
  private final ResourceCodec codec = new ResourceCodec();
  private final Map<String, Entry> services = new LinkedHashMap<>();

  private record Entry(LLMInferenceService resource, String servedName) {}

  LocalLlmServices(
      ModelRepository repository, ModelStorage storage, PlanConfig config, Clock clock) {
    this.repository = requireNonNull(repository, "repository");
    this.storage = requireNonNull(storage, "storage");
    this.config = requireNonNull(config, "config");
    this.clock = requireNonNull(clock, "clock");
  }

  LLMInferenceService apply(LLMInferenceService given) {
    LLMInferenceService desired = copy(given);
    String name = desired.getMetadata().getName();
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException(
          "metadata.name: missing (expected the LLMInferenceService's name)");
    }
    String namespace =
        Optional.ofNullable(desired.getMetadata().getNamespace())
            .filter(n -> !n.isBlank())
            .orElse("default");
    desired.getMetadata().setNamespace(namespace);
    String key = namespace + "/" + name;
    Entry previous = services.get(key);
    desired
        .getMetadata()
        .setCreationTimestamp(
            previous != null
                ? previous.resource().getMetadata().getCreationTimestamp()
                : clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
    long generation =
        previous == null
            ? 1
            : previous.resource().getMetadata().getGeneration()
                + (java.util.Objects.equals(previous.resource().getSpec(), desired.getSpec())
                    ? 0
                    : 1);
    desired.getMetadata().setGeneration(generation);
    String served = previous == null ? null : previous.servedName();
    LLMPlanResult result = planner.plan(desired, config);
    if (result instanceof LLMPlanResult.Rejected rejected) {
      return remember(key, desired, served, failed("InvalidSpec", join(rejected.errors()), null));
    }
    LLMInferenceServicePlan plan = ((LLMPlanResult.Planned) result).plan();
    if (!plan.embedded().runnable()) {
      return remember(
          key,
          desired,
          served,
          failed("NotSupportedOnOneMachine", join(plan.embedded().refusals()), plan));
    }
    Optional<String> failure = serve(plan, served);
    if (failure.isPresent()) {
      String reason =
          failure.get().startsWith("spec.model.uri")
              ? "StorageInitializerFailed"
              : "ModelLoadFailed";
      return remember(key, desired, served, failed(reason, failure.get(), plan));
    }
    LLMInferenceServiceStatus status = new LLMInferenceServiceStatus();
    status.setObservedGeneration(generation);
    status.setUrl(plan.address());
    status.setAddress(new Addressable(plan.address()));
    status.setConditions(conditions("True", null, null));
    desired.setStatus(status);
    return remember(key, desired, plan.modelName(), status);
  }

  /** Loads (or swaps in) the plan's model; empty on success, else why not. */
  private Optional<String> serve(LLMInferenceServicePlan plan, String servedBefore) {
    String name = plan.modelName();
    if (!name.equals(servedBefore) && repository.names().contains(name)) {
      return Optional.of(
          "spec.model.name: model '"
              + name
              + "' is already served by this server"
              + " (expected a name no other service uses)");
    }
    Path directory;
    try {
      directory = modelDirectory(storage.fetch(plan.modelUri()));
    } catch (KServeException | IllegalArgumentException | UncheckedIOException e) {
      return Optional.of("spec.model.uri '" + plan.modelUri() + "': " + e.getMessage());
    }
    ModelConfig model = new ModelConfig(name, null, directory, "gguf", Map.of(), null);
    try {
      if (name.equals(servedBefore)) {
        repository.replace(model);
      } else {
        repository.add(model);
        if (servedBefore != null) {
          repository.remove(servedBefore);
        }
      }
      return Optional.empty();
    } catch (RuntimeException e) {
      if (!name.equals(servedBefore) && repository.names().contains(name)) {
        repository.remove(name);
      }
      return Optional.of(
          "model '"
              + name
              + "' from "
              + directory
              + " (format gguf) failed to load: "
              + e.getMessage());
    }
  }

  /**
   * The directory the llama.cpp runtime loads: the fetched directory, or for a single fetched
   * {@code .gguf} file a directory of its own holding a link to it, so that other files beside it
   * do not matter.
   */
  private static Path modelDirectory(Path fetched) {
    if (Files.isDirectory(fetched)) {
      return fetched;
    }
    try {
      Path dir = Files.createTempDirectory("kserve4j-llm-");
      Files.createSymbolicLink(dir.resolve("model.gguf"), fetched.toAbsolutePath());
      dir.toFile().deleteOnExit();
      dir.resolve("model.gguf").toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot link " + fetched + " into a model directory: " + e.getMessage(), e);
    }
  }

  private LLMInferenceServiceStatus failed(
      String reason, String message, LLMInferenceServicePlan plan) {
    LLMInferenceServiceStatus status = new LLMInferenceServiceStatus();
    if (plan != null) {
      status.setUrl(plan.address());
    }
    status.setConditions(conditions("False", reason, message));
    return status;
  }

  private List<Condition> conditions(String state, String reason, String message) {
    String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    return List.of("MainWorkloadReady", "WorkloadsReady", "Ready").stream()
        .map(type -> new Condition(type, state, null, now, reason, message, Map.of()))
        .toList();
  }

  private LLMInferenceService remember(
      String key, LLMInferenceService desired, String served, LLMInferenceServiceStatus status) {
    status.setObservedGeneration(desired.getMetadata().getGeneration());
    desired.setStatus(status);
    services.put(key, new Entry(desired, served));
    return copy(desired);
  }

  boolean delete(String namespace, String name) {
    Entry removed = services.remove(namespace + "/" + name);
    if (removed == null) {
      return false;
    }
    if (removed.servedName() != null && repository.names().contains(removed.servedName())) {
      repository.remove(removed.servedName());
    }
    return true;
  }

  Optional<LLMInferenceService> get(String namespace, String name) {
    return Optional.ofNullable(services.get(namespace + "/" + name)).map(e -> copy(e.resource()));
  }

  List<LLMInferenceService> list() {
    return services.values().stream().map(e -> copy(e.resource())).toList();
  }

  private static String join(List<FieldError> errors) {
    return errors.stream().map(Object::toString).collect(Collectors.joining("; "));
  }

  private LLMInferenceService copy(LLMInferenceService resource) {
    return codec.read(codec.toJson(resource), "LLMInferenceService", LLMInferenceService.class);
  }
}
