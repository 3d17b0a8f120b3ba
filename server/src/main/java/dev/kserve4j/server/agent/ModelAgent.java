package dev.kserve4j.server.agent;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * KServe's model agent inside the server: watches the multi-model configuration file ({@code
 * models.json}, see {@link ModelsJson}), pulls each new model into the model repository directory
 * and loads it through the server's repository API; a model left out of the file is unloaded and
 * its directory deleted, and a model whose entry changed is unloaded and pulled again.
 *
 * <p>The file is read again on every change in its directory, which covers a ConfigMap volume
 * (Kubernetes swaps the {@code ..data} symlink) as well as a plain file, and at least every {@code
 * rescan} in case an event was missed. Changes of one model run in order; different models are
 * pulled and loaded in parallel. A failed download or load is logged with the model's name and
 * leaves the other models alone; an unreadable file changes nothing.
 */
public final class ModelAgent implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ModelAgent.class);

  private final Path configFile;
  private final ModelPuller puller;
  private final RepositoryClient repository;
  private final Duration rescan;
  private final ExecutorService operations =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("model-agent-", 0).factory());

  /**
   * The entries last acted on; touched by the watching thread only (and by {@link #start} before
   * it).
   */
  private final Map<String, ModelsJson.Entry> applied = new HashMap<>();

  /** The last operation queued per model, so that a model's operations run one after the other. */
  private final Map<String, CompletableFuture<Void>> tails = new HashMap<>();

  private final WatchService watcher;
  private final Thread watching;
  private volatile boolean closed;

  /**
   * An agent of {@code configFile}; {@link #start} begins.
   *
   * @param rescan how often the file is read even when no change was seen
   */
  public ModelAgent(
      Path configFile, ModelPuller puller, RepositoryClient repository, Duration rescan) {
    this.configFile = requireNonNull(configFile, "configFile").toAbsolutePath();
    this.puller = requireNonNull(puller, "puller");
    this.repository = requireNonNull(repository, "repository");
    this.rescan = requireNonNull(rescan, "rescan");
    try {
      this.watcher = configFile.getFileSystem().newWatchService();
      this.configFile
          .getParent()
          .register(
              watcher,
              StandardWatchEventKinds.ENTRY_CREATE,
              StandardWatchEventKinds.ENTRY_MODIFY,
              StandardWatchEventKinds.ENTRY_DELETE);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot watch "
              + this.configFile.getParent()
              + " for changes of "
              + this.configFile.getFileName()
              + ": "
              + e,
          e);
    }
    this.watching = Thread.ofPlatform().daemon().name("model-agent-watch").unstarted(this::watch);
  }

  /** Acts on the file as it is now, then watches it. */
  public void start() {
    log.info("model agent: watching {}, models in {}", configFile, puller.repository());
    sync();
    watching.start();
  }

  private void watch() {
    while (!closed) {
      try {
        WatchKey key = watcher.poll(rescan.toMillis(), TimeUnit.MILLISECONDS);
        if (key != null) {
          key.pollEvents();
          key.reset();
        }
        sync();
      } catch (InterruptedException | ClosedWatchServiceException e) {
        return;
      } catch (RuntimeException e) {
        log.error("model agent: sync of {} failed: {}", configFile, e.toString());
      }
    }
  }

  /** Reads the file and queues the operations that bring the server to it. */
  private void sync() {
    ModelsJson.Parsed parsed;
    try {
      parsed =
          ModelsJson.parse(
              Files.readString(configFile, StandardCharsets.UTF_8), configFile.toString());
    } catch (NoSuchFileException e) {
      log.warn("model agent: {} does not exist; models stay as they are", configFile);
      return;
    } catch (IOException | IllegalArgumentException e) {
      log.error(
          "model agent: cannot read {}; models stay as they are: {}", configFile, e.getMessage());
      return;
    }
    parsed.invalid().forEach(problem -> log.error("model agent: entry left out: {}", problem));
    for (ModelsJson.Entry entry : parsed.entries().values()) {
      ModelsJson.Entry before = applied.put(entry.name(), entry);
      if (before == null) {
        queue(entry.name(), () -> add(entry));
      } else if (!Objects.equals(before, entry)) {
        queue(
            entry.name(),
            () -> {
              remove(entry.name());
              add(entry);
            });
      }
    }
    for (String name : Map.copyOf(applied).keySet()) {
      if (!parsed.entries().containsKey(name)) {
        applied.remove(name);
        queue(name, () -> remove(name));
      }
    }
  }

  private void queue(String name, Runnable operation) {
    CompletableFuture<Void> tail =
        tails.getOrDefault(name, CompletableFuture.completedFuture(null));
    CompletableFuture<Void> next = tail.thenRunAsync(operation, operations);
    tails.put(name, next);
    next.whenComplete(
        (ok, e) -> {
          if (e != null) {
            log.error("model {}: agent operation failed: {}", name, e.toString());
          }
        });
    tails.values().removeIf(CompletableFuture::isDone);
  }

  private void add(ModelsJson.Entry entry) {
    String name = entry.name();
    log.info("model {}: pulling {}", name, entry.storageUri());
    Path dir;
    try {
      dir = puller.pull(name, entry.storageUri());
    } catch (RuntimeException e) {
      log.error("model {}: download of {} failed: {}", name, entry.storageUri(), e.getMessage());
      return;
    }
    try {
      repository.load(name);
      log.info("model {}: loaded from {}", name, dir);
    } catch (RuntimeException e) {
      log.error("model {}: load failed: {}", name, e.getMessage());
    }
  }

  private void remove(String name) {
    try {
      if (repository.unload(name)) {
        log.info("model {}: unloaded", name);
      }
    } catch (RuntimeException e) {
      log.error("model {}: unload failed: {}", name, e.getMessage());
    }
    try {
      puller.delete(name);
    } catch (RuntimeException e) {
      log.error("model {}: {}", name, e.getMessage());
    }
  }

  /** Stops watching; operations under way finish in the background. */
  @Override
  public void close() {
    closed = true;
    try {
      watcher.close();
    } catch (IOException e) {
      log.debug("model agent: closing the watch service: {}", e.toString());
    }
    watching.interrupt();
    operations.shutdown();
  }
}
