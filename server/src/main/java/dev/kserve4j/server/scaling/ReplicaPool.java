package dev.kserve4j.server.scaling;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.common.KServeException;
import dev.kserve4j.runtime.Model;
import dev.kserve4j.server.config.ReplicaSettings;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replicas of one model and the requests waiting for them.
 *
 * <p>A request takes the ready replica with the fewest requests in flight among those under their
 * concurrency limit ({@link ReplicaSettings#containerConcurrency()}, 0 = none). When there is none,
 * because the model is scaled to zero, its replicas are still loading or all are at their limit,
 * the request waits in a bounded queue (Knative's activator) and is released as soon as a replica
 * can take it; a full queue or a wait past the timeout is answered 503 with {@code Retry-After},
 * naming what the replicas serve. A request that arrives while no replica is wanted starts one at
 * once.
 *
 * <p>{@link #scaleTo} adds replicas (each loaded on the loading executor) or drains them (no new
 * requests; closed, freeing its memory, once its requests in flight finished). A replica that fails
 * to load never takes a request; it is replaced after a backoff that doubles from 1 s to 30 s.
 */
public final class ReplicaPool implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ReplicaPool.class);
  private static final long MAX_BACKOFF_MS = 30_000;

  /** What the pool reports to whoever scales it. */
  public interface Listener {
    /** A request arrived while no replica was wanted; the pool has started one. */
    default void demandAtZero() {}

    /** The first replica after zero became ready, {@code took} after the scale-up began. */
    default void coldStart(Duration took) {}

    /** The last replica was closed: the model is at zero and its instances are freed. */
    default void atZero() {}
  }

  /**
   * The pool's state.
   *
   * @param desired the replicas asked for
   * @param ready replicas taking requests
   * @param loading replicas being loaded
   * @param draining replicas finishing their requests before they close
   * @param inFlight requests running on replicas
   * @param queued requests waiting for a replica
   */
  public record Stats(
      int desired, int ready, int loading, int draining, int inFlight, int queued) {}

  /**
   * The load the pool saw since the previous sample.
   *
   * @param concurrency the time-weighted average of requests in flight and waiting
   * @param requests the requests that arrived
   */
  public record Sample(double concurrency, double requests) {}

  private enum State {
    LOADING,
    READY,
    DRAINING
  }

  private static final class Replica {
    final int id;
    State state = State.LOADING;
    Model model;
    int inFlight;

    Replica(int id) {
      this.id = id;
    }
  }

  /** One request's hold on a replica, released exactly once. */
  public final class Lease {
    private final Replica replica;
    private final AtomicBoolean released = new AtomicBoolean();

    private Lease(Replica replica) {
      this.replica = replica;
    }

    /** The replica's model instance. */
    public Model model() {
      return replica.model;
    }

    /** Gives the replica back; later calls do nothing. */
    public void release() {
      if (released.compareAndSet(false, true)) {
        ReplicaPool.this.release(replica);
      }
    }
  }

  private record Waiter(CompletableFuture<Lease> future, long since) {}

  private final String name;
  private final ReplicaSettings settings;
  private final Supplier<Model> loader;
  private final Executor loads;
  private final ScheduledExecutorService timer;
  private final LongSupplier nanos;
  private volatile Listener listener = new Listener() {};

  private final Object lock = new Object();
  // Everything below is guarded by lock.
  private final List<Replica> replicas = new ArrayList<>();
  private final ArrayDeque<Waiter> queue = new ArrayDeque<>();
  private int desired;
  private boolean closed;
  private int nextId = 1;
  private int failures;
  private boolean backingOff;
  private long coldStartBegan = -1;
  private double loadIntegral;
  private long lastChange;
  private long sampledAt;
  private long arrivals;

  /**
   * @param name the model's served name
   * @param settings the concurrency limit and the queue's bound and timeout
   * @param loader loads one instance of the model (blocking)
   * @param loads where loading and closing run
   * @param timer times out waiting requests and load retries
   */
  public ReplicaPool(
      String name,
      ReplicaSettings settings,
      Supplier<Model> loader,
      Executor loads,
      ScheduledExecutorService timer) {
    this(name, settings, loader, loads, timer, System::nanoTime);
  }

  /** As above, reading time from {@code nanos} (tests). */
  ReplicaPool(
      String name,
      ReplicaSettings settings,
      Supplier<Model> loader,
      Executor loads,
      ScheduledExecutorService timer,
      LongSupplier nanos) {
    this.nanos = requireNonNull(nanos, "nanos");
    this.lastChange = nanos.getAsLong();
    this.sampledAt = lastChange;
    this.name = requireNonNull(name, "name");
    this.settings = requireNonNull(settings, "settings");
    this.loader = requireNonNull(loader, "loader");
    this.loads = requireNonNull(loads, "loads");
    this.timer = requireNonNull(timer, "timer");
  }

  /** Who is told of demand at zero and of cold starts. */
  public void listener(Listener newListener) {
    this.listener = requireNonNull(newListener, "listener");
  }

  public ReplicaSettings settings() {
    return settings;
  }

  /** Loads one instance of the model (blocking), as a replica does. */
  Model loadInstance() {
    return requireNonNull(loader.get(), "loaded model");
  }

  /**
   * Installs an instance loaded by the caller as a ready replica (the first instance, loaded while
   * the model loads, whose metadata the model serves).
   */
  void adopt(Model model) {
    synchronized (lock) {
      Replica r = new Replica(nextId++);
      r.model = model;
      r.state = State.READY;
      replicas.add(r);
      desired = Math.max(desired, 1);
    }
  }

  /**
   * A replica for one request: at once when one is free, else once one is (the future fails with a
   * 503 naming {@link ReplicaSettings#owner()} when the queue is full or the wait times out).
   */
  public CompletableFuture<Lease> acquire() {
    Waiter waiter;
    boolean poke = false;
    synchronized (lock) {
      if (closed) {
        return CompletableFuture.failedFuture(
            KServeException.unavailable(settings.owner() + " is shutting down", 1));
      }
      account();
      arrivals++;
      Replica free = pick();
      if (free != null) {
        free.inFlight++;
        return CompletableFuture.completedFuture(new Lease(free));
      }
      if (queue.size() >= settings.queueCapacity()) {
        return CompletableFuture.failedFuture(
            KServeException.unavailable(
                settings.owner()
                    + ": the activator queue is full ("
                    + queue.size()
                    + " requests waiting for a replica of model '"
                    + name
                    + "', the limit); retry later",
                1));
      }
      waiter = new Waiter(new CompletableFuture<>(), nanos.getAsLong());
      queue.add(waiter);
      if (desired == 0) {
        poke = true;
        scaleLocked(1);
      }
    }
    ScheduledFuture<?> timeout =
        timer.schedule(
            () -> expire(waiter), settings.queueTimeout().toMillis(), TimeUnit.MILLISECONDS);
    waiter.future().whenComplete((l, e) -> timeout.cancel(false));
    if (poke) {
      log.info("model {}: a request arrived at zero replicas; starting one", name);
      listener.demandAtZero();
    }
    return waiter.future();
  }

  /** Asks for {@code replicas} replicas: loads the missing ones, drains the extra ones. */
  public void scaleTo(int replicas) {
    if (replicas < 0) {
      throw new IllegalArgumentException("replicas " + replicas + " (expected 0 or more)");
    }
    List<Replica> toClose;
    synchronized (lock) {
      if (closed) {
        return;
      }
      toClose = scaleLocked(replicas);
    }
    toClose.forEach(this::closeLater);
  }

  public Stats stats() {
    synchronized (lock) {
      int ready = 0;
      int loading = 0;
      int draining = 0;
      int inFlight = 0;
      for (Replica r : replicas) {
        inFlight += r.inFlight;
        switch (r.state) {
          case READY -> ready++;
          case LOADING -> loading++;
          case DRAINING -> draining++;
        }
      }
      return new Stats(desired, ready, loading, draining, inFlight, queue.size());
    }
  }

  /** The load since the previous sample, as Knative's queue-proxy and activator report it. */
  public Sample sample() {
    synchronized (lock) {
      account();
      double seconds = (lastChange - sampledAt) / 1e9;
      Sample s = new Sample(seconds <= 0 ? 0 : loadIntegral / seconds, arrivals);
      loadIntegral = 0;
      arrivals = 0;
      sampledAt = lastChange;
      return s;
    }
  }

  /** Answers every waiting request 503 and closes every replica after its requests finished. */
  @Override
  public void close() {
    List<Waiter> waiting;
    List<Replica> all;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      waiting = new ArrayList<>(queue);
      queue.clear();
      all = new ArrayList<>(replicas);
      replicas.clear();
      desired = 0;
    }
    KServeException shutdown =
        KServeException.unavailable(
            settings.owner() + " is shutting down; the request was not run (retry it)", 1);
    waiting.forEach(w -> w.future().completeExceptionally(shutdown));
    for (Replica r : all) {
      if (r.model != null) {
        r.model.close();
      }
    }
  }

  private void release(Replica replica) {
    List<Runnable> after = new ArrayList<>();
    synchronized (lock) {
      account();
      replica.inFlight--;
      if (replica.state == State.DRAINING && replica.inFlight == 0 && replicas.remove(replica)) {
        after.add(() -> closeLater(replica));
      }
      dispatchLocked(after);
    }
    after.forEach(Runnable::run);
  }

  /** Hands free replicas to waiting requests; the handing over runs after the lock is released. */
  private void dispatchLocked(List<Runnable> after) {
    while (!queue.isEmpty()) {
      Replica free = pick();
      if (free == null) {
        return;
      }
      Waiter w = queue.poll();
      free.inFlight++;
      Lease lease = new Lease(free);
      after.add(
          () -> {
            if (!w.future().complete(lease)) {
              lease.release();
            }
          });
    }
  }

  private Replica pick() {
    Replica best = null;
    int limit = settings.containerConcurrency();
    for (Replica r : replicas) {
      if (r.state == State.READY
          && (limit == 0 || r.inFlight < limit)
          && (best == null || r.inFlight < best.inFlight)) {
        best = r;
      }
    }
    return best;
  }

  private void expire(Waiter waiter) {
    boolean removed;
    synchronized (lock) {
      account();
      removed = queue.remove(waiter);
    }
    if (removed) {
      long waited = Duration.ofNanos(nanos.getAsLong() - waiter.since()).toSeconds();
      waiter
          .future()
          .completeExceptionally(
              KServeException.unavailable(
                  settings.owner()
                      + ": no replica of model '"
                      + name
                      + "' could take the request within "
                      + waited
                      + " s (the activator's timeout); retry later",
                  1));
    }
  }

  /** Sets the desired count and starts or drains replicas; returns the replicas to close. */
  private List<Replica> scaleLocked(int replicas) {
    if (replicas == 0 && !queue.isEmpty()) {
      replicas = 1; // requests are waiting: never scale them away
    }
    if (desired == 0 && replicas > 0 && live() == 0) {
      coldStartBegan = nanos.getAsLong();
    }
    desired = replicas;
    List<Replica> toClose = new ArrayList<>();
    int live = live();
    if (live < desired && !backingOff) {
      for (int i = live; i < desired; i++) {
        startLoad();
      }
    }
    for (int extra = live - desired; extra > 0; extra--) {
      Replica victim = drainCandidate();
      victim.state = State.DRAINING;
      if (victim.model != null && victim.inFlight == 0) {
        this.replicas.remove(victim);
        toClose.add(victim);
      }
    }
    return toClose;
  }

  private int live() {
    int n = 0;
    for (Replica r : replicas) {
      if (r.state != State.DRAINING) {
        n++;
      }
    }
    return n;
  }

  /** A loading replica first (it never served), else the ready one with the fewest in flight. */
  private Replica drainCandidate() {
    Replica best = null;
    for (Replica r : replicas) {
      if (r.state == State.LOADING) {
        return r;
      }
      if (r.state == State.READY && (best == null || r.inFlight < best.inFlight)) {
        best = r;
      }
    }
    return best;
  }

  private void startLoad() {
    Replica r = new Replica(nextId++);
    replicas.add(r);
    loads.execute(() -> load(r));
  }

  private void load(Replica r) {
    long start = nanos.getAsLong();
    Model model;
    try {
      model = requireNonNull(loader.get(), "loaded model");
    } catch (RuntimeException e) {
      loadFailed(r, e);
      return;
    }
    List<Runnable> after = new ArrayList<>();
    Duration coldStart = null;
    boolean unwanted;
    synchronized (lock) {
      r.model = model;
      unwanted = closed || r.state == State.DRAINING;
      if (unwanted) {
        replicas.remove(r);
      } else {
        r.state = State.READY;
        failures = 0;
        if (coldStartBegan >= 0) {
          coldStart = Duration.ofNanos(nanos.getAsLong() - coldStartBegan);
          coldStartBegan = -1;
        }
        dispatchLocked(after);
      }
    }
    if (unwanted) {
      closeLater(r);
      return;
    }
    log.info(
        "model {}: replica {} ready after {} ms",
        name,
        r.id,
        Duration.ofNanos(nanos.getAsLong() - start).toMillis());
    after.forEach(Runnable::run);
    if (coldStart != null) {
      listener.coldStart(coldStart);
    }
  }

  private void loadFailed(Replica r, RuntimeException e) {
    long backoff;
    synchronized (lock) {
      replicas.remove(r);
      failures++;
      backoff = Math.min(MAX_BACKOFF_MS, 1000L << Math.min(failures - 1, 5));
      if (closed) {
        return;
      }
      backingOff = true;
      timer.schedule(this::retry, backoff, TimeUnit.MILLISECONDS);
    }
    log.warn(
        "model {}: replica {} failed to load ({}); it takes no requests and is replaced in {} ms",
        name,
        r.id,
        e.getMessage() == null ? e.toString() : e.getMessage(),
        backoff);
  }

  private void retry() {
    List<Replica> toClose;
    synchronized (lock) {
      backingOff = false;
      if (closed) {
        return;
      }
      toClose = scaleLocked(desired);
    }
    toClose.forEach(this::closeLater);
  }

  private void closeLater(Replica r) {
    loads.execute(
        () -> {
          r.model.close();
          log.info("model {}: replica {} drained and unloaded", name, r.id);
          boolean empty;
          synchronized (lock) {
            empty = !closed && replicas.isEmpty() && desired == 0;
          }
          if (empty) {
            listener.atZero();
          }
        });
  }

  /** Adds the load since the last change to the time-weighted integral. */
  private void account() {
    long now = nanos.getAsLong();
    int load = queue.size();
    for (Replica r : replicas) {
      load += r.inFlight;
    }
    loadIntegral += load * ((now - lastChange) / 1e9);
    lastChange = now;
  }
}
