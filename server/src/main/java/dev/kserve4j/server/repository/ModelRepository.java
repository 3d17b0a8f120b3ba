package dev.kserve4j.server.repository;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.common.KServeException;
import dev.kserve4j.common.NameRule;
import dev.kserve4j.protocol.ModelMetadata;
import dev.kserve4j.protocol.RepositoryEntry;
import dev.kserve4j.runtime.Model;
import dev.kserve4j.runtime.ModelLoadException;
import dev.kserve4j.runtime.ModelRuntimeProvider;
import dev.kserve4j.runtime.ModelRuntimes;
import dev.kserve4j.runtime.ModelSpec;
import dev.kserve4j.server.batching.DynamicBatcher;
import dev.kserve4j.server.config.ModelConfig;
import dev.kserve4j.server.metrics.InferenceMetrics;
import dev.kserve4j.server.metrics.MeteredModel;
import dev.kserve4j.server.scaling.ReplicaPool;
import dev.kserve4j.server.scaling.ReplicatedModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models a server knows: loads them through the runtimes, adds, replaces and removes them at
 * run time, swaps instances on reload and reports their state for the repository extension.
 *
 * <p>Changes (load, unload, add, replace, remove) run one at a time; inference never waits for
 * them. A replaced instance hands the calls that raced the swap to its successor ({@link
 * HandoverModel}) and is closed once its calls in progress finished ({@link DrainingModel}).
 *
 * <p>With a model repository directory, loading a name that is not configured loads the
 * subdirectory of that name, its format detected from its files (Triton's and KServe's repository
 * extension); such a model is listed once it loaded (a failed first load lists nothing, so the
 * server stays ready) and is forgotten again when it is unloaded.
 */
public final class ModelRepository implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ModelRepository.class);

  /** How long an unload or reload waits for the replaced instance's calls in progress. */
  private static final Duration CLOSE_DRAIN_TIMEOUT = Duration.ofSeconds(30);

  private final ModelRuntimes runtimes;
  private final Executor executor;
  private final InferenceMetrics metrics;

  /** Guarded by itself; entries are swapped whole, so readers never see a half-made change. */
  private final Map<String, ModelEntry> entries = new LinkedHashMap<>();

  /** Held by every change, so two changes of one model never interleave. */
  private final Object changes = new Object();

  /** Started with the first model served by replicas; guarded by this. */
  private ScheduledExecutorService scalingTimer;

  /** Where unconfigured models are found by name; null when nowhere. */
  private final Path modelRoot;

  /** The entries loaded from {@link #modelRoot}; guarded by {@link #entries}. */
  private final Set<String> discovered = new HashSet<>();

  public ModelRepository(
      ModelRuntimes runtimes,
      List<ModelConfig> configs,
      Executor executor,
      InferenceMetrics metrics) {
    this(runtimes, configs, null, executor, metrics);
  }

  /**
   * A repository of {@code configs} that also loads, by name, the subdirectories of {@code
   * modelRoot} (null for none).
   */
  public ModelRepository(
      ModelRuntimes runtimes,
      List<ModelConfig> configs,
      Path modelRoot,
      Executor executor,
      InferenceMetrics metrics) {
    this.modelRoot = modelRoot;
    this.runtimes = requireNonNull(runtimes, "runtimes");
    this.executor = requireNonNull(executor, "executor");
    this.metrics = requireNonNull(metrics, "metrics");
    for (ModelConfig c : configs) {
      if (entries.putIfAbsent(c.name(), new ModelEntry(c)) != null) {
        throw new IllegalArgumentException("model name '" + c.name() + "' is configured twice");
      }
    }
  }

  /** Loads every configured model; the first failure is thrown (naming model, file and reason). */
  public void loadAll() {
    for (String name : names()) {
      load(name);
    }
  }

  public List<ModelEntry> entries() {
    synchronized (entries) {
      return List.copyOf(entries.values());
    }
  }

  /** The entry for {@code name}, or 404 listing the models that exist. */
  public ModelEntry get(String name) {
    ModelEntry e;
    synchronized (entries) {
      e = entries.get(name);
    }
    if (e == null) {
      throw KServeException.notFound(
          "model '" + name + "' not found (available models: " + names() + ")");
    }
    return e;
  }

  public List<String> names() {
    synchronized (entries) {
      return List.copyOf(entries.keySet());
    }
  }

  /**
   * Loads or reloads a model; the previous instance serves until the new one is ready. A name that
   * is not configured is loaded from the model repository directory when it holds a directory of
   * that name.
   *
   * @throws KServeException 404 when the model is neither configured nor in the model repository
   */
  public void load(String name) {
    synchronized (changes) {
      ModelEntry known;
      synchronized (entries) {
        known = entries.get(name);
      }
      ModelEntry entry = known != null ? known : discover(name);
      entry.markLoading();
      LoadedModel next;
      try {
        next = open(entry.config());
      } catch (RuntimeException e) {
        String why = reason(e);
        entry.loadFailed(why);
        throw e instanceof ModelLoadException m ? m : new ModelLoadException(why, e);
      }
      retire(entry.install(next), next);
      if (known == null) {
        // Listed only once loaded, so that loading it never makes the server unready.
        synchronized (entries) {
          entries.put(name, entry);
          discovered.add(name);
        }
      }
      log.info("model {} loaded ({})", name, next.metadata().platform());
    }
  }

  /**
   * Unloads a model, waiting for its calls in progress. A configured model stays listed as
   * UNAVAILABLE; one loaded from the model repository directory is forgotten (later requests get
   * 404).
   */
  public void unload(String name) {
    synchronized (changes) {
      ModelEntry entry = get(name);
      LoadedModel previous = entry.uninstall();
      if (previous != null) {
        previous.close();
      }
      log.info(
          forgetDiscovered(name, entry) ? "model {} unloaded and removed" : "model {} unloaded",
          name);
    }
  }

  /**
   * A new, unlisted entry for the model repository's directory {@code name}; 400 for a name that
   * cannot name one of its directories ({@link NameRule#MODEL}), 404 when there is no such
   * directory.
   */
  private ModelEntry discover(String name) {
    NameRule.modelNameProblem(name)
        .ifPresent(
            problem -> {
              throw KServeException.invalidInput(problem);
            });
    Path dir =
        repositoryDirectory(name)
            .orElseThrow(
                () ->
                    KServeException.notFound(
                        "model '"
                            + name
                            + "' not found (available models: "
                            + names()
                            + (modelRoot == null
                                ? ")"
                                : "; expected a configured model or a directory "
                                    + modelRoot.resolve(name)
                                    + " in the model repository)")));
    log.info("model {} found in the model repository at {}", name, dir);
    return new ModelEntry(ModelConfig.of(name, dir));
  }

  /**
   * The directory of {@code name} in the model repository, if there is one and the name stays
   * inside it.
   */
  private Optional<Path> repositoryDirectory(String name) {
    if (modelRoot == null || !NameRule.MODEL.accepts(name)) {
      return Optional.empty();
    }
    Path dir = modelRoot.resolve(name);
    return Files.isDirectory(dir) ? Optional.of(dir) : Optional.empty();
  }

  /** Removes {@code entry} when it came from the model repository directory; whether it did. */
  private boolean forgetDiscovered(String name, ModelEntry entry) {
    synchronized (entries) {
      if (discovered.contains(name) && entries.remove(name, entry)) {
        discovered.remove(name);
        return true;
      }
      return false;
    }
  }

  /**
   * Registers a new model and loads it. A failed load is thrown (naming file and reason) and leaves
   * the model listed as UNAVAILABLE with that reason, as {@link #load} does.
   *
   * @throws IllegalArgumentException when a model of that name exists
   */
  public void add(ModelConfig config) {
    requireNonNull(config, "config");
    synchronized (changes) {
      synchronized (entries) {
        if (entries.containsKey(config.name())) {
          throw new IllegalArgumentException(
              "model '"
                  + config.name()
                  + "' already exists (expected a new name; replace or"
                  + " remove the existing model instead)");
        }
        entries.put(config.name(), new ModelEntry(config));
      }
      load(config.name());
    }
  }

  /**
   * Loads {@code config} and, only once it loaded, swaps it in for the model of the same name. If
   * the load fails the previous instance keeps serving and the failure is thrown, naming the model
   * directory and the reason.
   *
   * @throws KServeException 404 when no model of that name exists
   */
  public void replace(ModelConfig config) {
    requireNonNull(config, "config");
    synchronized (changes) {
      ModelEntry previous = get(config.name());
      LoadedModel next;
      try {
        next = open(config);
      } catch (RuntimeException e) {
        throw new ModelLoadException(
            "model '"
                + config.name()
                + "': replacing it with "
                + config.directory()
                + " failed, the loaded instance keeps serving: "
                + reason(e),
            e);
      }
      ModelEntry replacement = new ModelEntry(config);
      replacement.install(next);
      synchronized (entries) {
        entries.put(config.name(), replacement);
      }
      // The previous entry keeps its instance, so a request that already holds the entry still
      // finds one; that instance hands such calls over to the new one while it drains.
      retire(previous.current(), next);
      log.info(
          "model {} replaced by {} ({})",
          config.name(),
          config.directory(),
          next.metadata().platform());
    }
  }

  /**
   * Unloads a model, waiting for its calls in progress as {@link #unload} does, then forgets it:
   * later requests for it are answered 404.
   *
   * @throws KServeException 404 when no model of that name exists
   */
  public void remove(String name) {
    synchronized (changes) {
      ModelEntry entry = get(name);
      LoadedModel previous = entry.uninstall();
      if (previous != null) {
        previous.close();
      }
      synchronized (entries) {
        entries.remove(name, entry);
        discovered.remove(name);
      }
      log.info("model {} removed", name);
    }
  }

  public List<RepositoryEntry> index(boolean readyOnly) {
    List<RepositoryEntry> out = new ArrayList<>();
    for (ModelEntry e : entries()) {
      if (!readyOnly || e.ready()) {
        out.add(new RepositoryEntry(e.name(), e.config().version(), e.state().name(), e.reason()));
      }
    }
    return out;
  }

  private LoadedModel open(ModelConfig config) {
    if (!Files.isDirectory(config.directory())) {
      throw new ModelLoadException(
          "model '"
              + config.name()
              + "': model directory "
              + config.directory()
              + " does not exist or is not a directory");
    }
    ModelRuntimeProvider provider =
        config.format() == null
            ? runtimes.detect(config.directory())
            : runtimes.require(config.format());
    ModelSpec spec =
        new ModelSpec(config.name(), config.version(), config.directory(), config.options());
    ReplicatedModel replicas = null;
    Model instance;
    if (config.replicas() == null) {
      instance = provider.load(spec);
    } else {
      Supplier<Model> loadOne =
          () -> new DrainingModel(config.name(), provider.load(spec), CLOSE_DRAIN_TIMEOUT);
      replicas =
          new ReplicatedModel(
              new ReplicaPool(config.name(), config.replicas(), loadOne, executor, scalingTimer()));
      instance = replicas;
    }
    Model model =
        new HandoverModel(
            new DrainingModel(
                config.name(),
                new MeteredModel(config.name(), instance, metrics),
                CLOSE_DRAIN_TIMEOUT));
    ModelMetadata served =
        model
            .metadata()
            .withName(
                config.name(), config.version() == null ? List.of() : List.of(config.version()));
    DynamicBatcher batcher =
        config.batching() == null || !model.batchable()
            ? null
            : new DynamicBatcher(config.name(), model, config.batching(), executor);
    return new LoadedModel(model, served, batcher, replicas);
  }

  /** The timer of every replica pool: queue timeouts and load retries; started on first use. */
  private synchronized ScheduledExecutorService scalingTimer() {
    if (scalingTimer == null) {
      scalingTimer =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "kserve4j-replicas");
                t.setDaemon(true);
                return t;
              });
    }
    return scalingTimer;
  }

  /**
   * The replicas serving {@code name} when a set of replicas serves it (a model configured with
   * {@link ModelConfig#replicas()}); empty otherwise or while it is not loaded.
   */
  public Optional<ReplicaPool> replicaPool(String name) {
    ModelEntry e;
    synchronized (entries) {
      e = entries.get(name);
    }
    LoadedModel loaded = e == null ? null : e.current();
    return loaded == null || loaded.replicas() == null
        ? Optional.empty()
        : Optional.of(loaded.replicas().pool());
  }

  /** Closes a replaced instance after pointing its late calls at {@code successor}. */
  private static void retire(LoadedModel previous, LoadedModel successor) {
    if (previous == null) {
      return;
    }
    if (previous.model() instanceof HandoverModel handover) {
      handover.handOver(successor.model());
    }
    previous.close();
  }

  private static String reason(RuntimeException e) {
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }

  @Override
  public void close() {
    for (ModelEntry e : entries()) {
      LoadedModel m = e.uninstall();
      if (m != null) {
        m.close();
      }
    }
    synchronized (this) {
      if (scalingTimer != null) {
        scalingTimer.shutdownNow();
      }
    }
  }
}
