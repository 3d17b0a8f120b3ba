package dev.kserve4j.server.repository;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.common.KServeException;
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
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models a server knows: loads them through the runtimes, swaps instances on reload and
 * reports their state for the repository extension.
 */
public final class ModelRepository implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ModelRepository.class);
  /** How long an unload or reload waits for the replaced instance's calls in progress. */
  private static final Duration CLOSE_DRAIN_TIMEOUT = Duration.ofSeconds(30);

  private final ModelRuntimes runtimes;
  private final Executor executor;
  private final InferenceMetrics metrics;
  private final Map<String, ModelEntry> entries = new LinkedHashMap<>();

  public ModelRepository(
      ModelRuntimes runtimes, List<ModelConfig> configs, Executor executor, InferenceMetrics metrics) {
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
    for (ModelEntry e : entries.values()) {
      load(e.name());
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

  /** Loads or reloads a model; the previous instance serves until the new one is ready. */
  public void load(String name) {
    ModelEntry entry = get(name);
    entry.markLoading();
    LoadedModel next;
    try {
      next = open(entry.config());
    } catch (RuntimeException e) {
      String why = e.getMessage() == null ? e.toString() : e.getMessage();
      entry.loadFailed(why);
      throw e instanceof ModelLoadException m ? m : new ModelLoadException(why, e);
    }
    LoadedModel previous = entry.install(next);
    if (previous != null) {
      previous.close();
    }
    log.info("model {} loaded ({})", name, next.metadata().platform());
  }

  public void unload(String name) {
    LoadedModel previous = get(name).uninstall();
    if (previous != null) {
      previous.close();
    }
    log.info("model {} unloaded", name);
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
          "model '" + config.name() + "': model directory " + config.directory()
              + " does not exist or is not a directory");
    }
    ModelRuntimeProvider provider =
        config.format() == null
            ? runtimes.detect(config.directory())
            : runtimes.require(config.format());
    Model model =
        new DrainingModel(
            config.name(),
            new MeteredModel(
                config.name(),
                provider.load(
                    new ModelSpec(
                        config.name(), config.version(), config.directory(), config.options())),
                metrics),
            CLOSE_DRAIN_TIMEOUT);
    ModelMetadata served =
        model
            .metadata()
            .withName(config.name(), config.version() == null ? List.of() : List.of(config.version()));
    DynamicBatcher batcher =
        config.batching() == null || !model.batchable()
            ? null
            : new DynamicBatcher(config.name(), model, config.batching(), executor);
    return new LoadedModel(model, served, batcher);
  }

  @Override
  public void close() {
    for (ModelEntry e : entries()) {
      LoadedModel m = e.uninstall();
      if (m != null) {
        m.close();
      }
    }
  }
}
