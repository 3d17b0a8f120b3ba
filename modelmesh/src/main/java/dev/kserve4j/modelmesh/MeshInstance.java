package dev.kserve4j.modelmesh;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One member of a mesh: serves registered models from a {@link ModelCache}, loading a model on its
 * first request and evicting the least recently used ones when the budget runs short.
 *
 * <p>A request for a cached model is a hit and runs at once. A miss starts one load of the model
 * (later requests for it wait for the same load, never a second one) on the loading executor; the
 * loaded instance's size, as the loader measured it, decides what is evicted. Only a model no
 * request is running on is evicted, so eviction never fails a running request. A failed load is
 * recorded in the registry ({@code failedIn}) and answered to the requests that waited for it; it
 * is not retried here until {@code retryAfter} has passed.
 *
 * @param <M> the loaded model's handle
 */
public final class MeshInstance<M> {
  /** Loads a registered model and measures what it takes. */
  public interface Loader<M> {
    /** Loads {@code model} (blocking); throws with a message saying why it could not. */
    Loaded<M> load(ModelRecord model);

    /** Frees a model loaded by {@link #load}. */
    void unload(M model);
  }

  /**
   * A loaded model and its size.
   *
   * @param model the handle requests run on
   * @param bytes the memory it takes, measured at load
   */
  public record Loaded<M>(M model, long bytes) {}

  /** Counters for the instance's metrics. */
  public record Counters(
      long hits, long misses, long loads, long loadFailures, long evictions, long loadNanos) {}

  /** One request's hold on a loaded model; {@link #release()} exactly once. */
  public final class Lease {
    private final String id;
    private final M model;
    private final AtomicBoolean released = new AtomicBoolean();

    private Lease(String id, M model) {
      this.id = id;
      this.model = model;
    }

    public M model() {
      return model;
    }

    public void release() {
      if (released.compareAndSet(false, true)) {
        MeshInstance.this.release(id);
      }
    }
  }

  private final String instanceId;
  private final ModelRegistry registry;
  private final ModelCache<String> cache;
  private final Loader<M> loader;
  private final Executor loads;
  private final InstantSource clock;
  private final Duration retryAfter;

  private final Object lock = new Object();
  // Guarded by lock.
  private final Map<String, M> loaded = new HashMap<>();
  private final Map<String, CompletableFuture<Lease>> loading = new HashMap<>();
  private final Map<String, Long> failedAt = new HashMap<>();

  private final AtomicLong hits = new AtomicLong();
  private final AtomicLong misses = new AtomicLong();
  private final AtomicLong loadCount = new AtomicLong();
  private final AtomicLong loadFailures = new AtomicLong();
  private final AtomicLong evictions = new AtomicLong();
  private final AtomicLong loadNanos = new AtomicLong();

  public MeshInstance(
      String instanceId,
      ModelRegistry registry,
      long budgetBytes,
      Loader<M> loader,
      Executor loads,
      InstantSource clock,
      Duration retryAfter) {
    this.instanceId = requireNonNull(instanceId, "instanceId");
    this.registry = requireNonNull(registry, "registry");
    this.cache = new ModelCache<>(budgetBytes);
    this.loader = requireNonNull(loader, "loader");
    this.loads = requireNonNull(loads, "loads");
    this.clock = requireNonNull(clock, "clock");
    this.retryAfter = requireNonNull(retryAfter, "retryAfter");
  }

  public String instanceId() {
    return instanceId;
  }

  /**
   * The model {@code id} for one request: at once when it is loaded here, else once it is.
   *
   * @throws IllegalArgumentException (in the future) when {@code id} is not registered
   */
  public CompletableFuture<Lease> acquire(String id) {
    CompletableFuture<Lease> pending;
    boolean start = false;
    synchronized (lock) {
      if (cache.acquire(id)) {
        hits.incrementAndGet();
        return CompletableFuture.completedFuture(new Lease(id, loaded.get(id)));
      }
      misses.incrementAndGet();
      Long failed = failedAt.get(id);
      if (failed != null && clock.millis() - failed < retryAfter.toMillis()) {
        return CompletableFuture.failedFuture(
            new IllegalStateException(
                "model '"
                    + id
                    + "' failed to load on instance "
                    + instanceId
                    + " "
                    + Duration.ofMillis(clock.millis() - failed).toSeconds()
                    + " s ago; it is retried after "
                    + retryAfter.toSeconds()
                    + " s"));
      }
      pending = loading.get(id);
      if (pending == null) {
        pending = new CompletableFuture<>();
        loading.put(id, pending);
        start = true;
      }
    }
    CompletableFuture<Lease> waiter =
        pending.thenApply(first -> leaseFor(id)); // each waiter takes its own hold
    if (start) {
      CompletableFuture<Lease> load = pending;
      loads.execute(() -> load(id, load));
    }
    return waiter;
  }

  /** The models loaded here, least recently used first. */
  public List<String> loadedModels() {
    synchronized (lock) {
      return cache.keys();
    }
  }

  public long usedBytes() {
    synchronized (lock) {
      return cache.usedBytes();
    }
  }

  public long budgetBytes() {
    return cache.budgetBytes();
  }

  public Counters counters() {
    return new Counters(
        hits.get(),
        misses.get(),
        loadCount.get(),
        loadFailures.get(),
        evictions.get(),
        loadNanos.get());
  }

  private Lease leaseFor(String id) {
    synchronized (lock) {
      M model = loaded.get(id);
      if (model == null || !cache.acquire(id)) {
        throw new IllegalStateException(
            "model '" + id + "' was evicted before the request could run on it");
      }
      return new Lease(id, model);
    }
  }

  private void load(String id, CompletableFuture<Lease> done) {
    Optional<ModelRecord> record = registry.model(id);
    if (record.isEmpty()) {
      finishLoad(id);
      done.completeExceptionally(
          new IllegalArgumentException("model '" + id + "' is not registered in the mesh"));
      return;
    }
    long start = System.nanoTime();
    Loaded<M> result;
    try {
      registry.update(id, r -> r.withCopy(instanceId, clock.millis()));
      result = loader.load(record.get());
    } catch (RuntimeException e) {
      loadFailures.incrementAndGet();
      registry.update(id, r -> r.withFailure(instanceId, clock.millis()));
      synchronized (lock) {
        failedAt.put(id, clock.millis());
      }
      finishLoad(id);
      done.completeExceptionally(e);
      return;
    }
    loadNanos.addAndGet(System.nanoTime() - start);
    loadCount.incrementAndGet();
    List<M> toUnload = new ArrayList<>();
    List<String> evictedIds = new ArrayList<>();
    ModelCache.Admission<String> admission;
    synchronized (lock) {
      admission = cache.admit(id, result.bytes());
      if (admission instanceof ModelCache.Admitted<String> admitted) {
        loaded.put(id, result.model());
        failedAt.remove(id);
        for (String gone : admitted.evicted()) {
          // The cache evicts only models no request is running on.
          evictions.incrementAndGet();
          evictedIds.add(gone);
          toUnload.add(loaded.remove(gone));
        }
      }
      loading.remove(id);
    }
    for (String gone : evictedIds) {
      registry.update(gone, r -> r.withoutCopy(instanceId));
    }
    toUnload.forEach(loader::unload);
    if (admission instanceof ModelCache.Refused<String> refused) {
      loader.unload(result.model());
      registry.update(id, r -> r.withoutCopy(instanceId));
      done.completeExceptionally(new IllegalStateException(refused.reason()));
      return;
    }
    done.complete(null);
  }

  private void finishLoad(String id) {
    synchronized (lock) {
      loading.remove(id);
    }
  }

  private void release(String id) {
    synchronized (lock) {
      cache.release(id);
    }
  }
}
