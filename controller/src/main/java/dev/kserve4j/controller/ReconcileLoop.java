package dev.kserve4j.controller;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.Closeable;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the reconciles of one kind one at a time on one thread. A key ({@code namespace/name})
 * queued while it is already waiting is queued once, so a burst of events costs one reconcile; a
 * reconcile that throws is queued again after the retry delay.
 *
 * <p>Metrics, under controller-runtime's names so that KServe's dashboards carry over, tagged with
 * {@code controller} (the kind in lower case, as KServe names its controllers) and {@code kind}:
 * {@code controller_runtime_reconcile_total} by {@code result} ({@code success} or {@code error}),
 * {@code controller_runtime_reconcile_time_seconds}, and the gauge {@code workqueue_depth} (keys
 * waiting for a reconcile).
 */
public final class ReconcileLoop implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(ReconcileLoop.class);

  private final String kind;
  private final BiConsumer<String, String> reconcile;
  private final Duration retryDelay;
  private final MeterRegistry registry;
  private final Set<String> waiting = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService worker;
  private final Counter succeeded;
  private final Counter failed;
  private final Timer duration;
  private final Gauge depth;

  /**
   * A loop for {@code kind}.
   *
   * @param reconcile reconciles the object {@code (namespace, name)}; a thrown exception retries it
   * @param retryDelay how long a failed reconcile waits before it is tried again
   * @param registry receives the loop's metrics
   */
  public ReconcileLoop(String kind, BiConsumer<String, String> reconcile, Duration retryDelay, MeterRegistry registry) {
    this.kind = requireNonNull(kind, "kind");
    this.reconcile = requireNonNull(reconcile, "reconcile");
    this.retryDelay = requireNonNull(retryDelay, "retryDelay");
    this.registry = requireNonNull(registry, "registry");
    String controller = kind.toLowerCase(Locale.ROOT);
    this.worker = Executors.newSingleThreadScheduledExecutor(
        r -> Thread.ofPlatform().name("kserve4j-reconcile-" + controller).daemon().unstarted(r));
    this.succeeded = Counter.builder("controller.runtime.reconcile").description("Reconciles by result")
        .tags("controller", controller, "kind", kind, "result", "success").register(registry);
    this.failed = Counter.builder("controller.runtime.reconcile").description("Reconciles by result")
        .tags("controller", controller, "kind", kind, "result", "error").register(registry);
    this.duration = Timer.builder("controller.runtime.reconcile.time").description("Time of one reconcile")
        .tags("controller", controller, "kind", kind).register(registry);
    this.depth = Gauge.builder("workqueue.depth", waiting, Set::size).description("Keys waiting for a reconcile")
        .tags("name", controller, "kind", kind).register(registry);
  }

  /** Queues the object {@code namespace/name}. */
  public void enqueue(String namespace, String name) {
    String key = namespace + "/" + name;
    if (!worker.isShutdown() && waiting.add(key)) {
      worker.execute(() -> run(key, namespace, name));
    }
  }

  /** Queues the object of this loop's kind whose name {@code object} carries under {@code label}, if any. */
  void enqueueOwner(HasMetadata object, String label) {
    String owner = object.getMetadata().getLabels() == null ? null : object.getMetadata().getLabels().get(label);
    if (owner != null) {
      enqueue(object.getMetadata().getNamespace(), owner);
    }
  }

  private void run(String key, String namespace, String name) {
    waiting.remove(key);
    long start = System.nanoTime();
    try {
      reconcile.accept(namespace, name);
      succeeded.increment();
    } catch (RuntimeException e) {
      failed.increment();
      LOG.warn("{} {}/{}: reconcile failed, retrying in {}: {}", kind, namespace, name, retryDelay, e.toString());
      if (!worker.isShutdown()) {
        worker.schedule(() -> enqueue(namespace, name), retryDelay.toMillis(), TimeUnit.MILLISECONDS);
      }
    } finally {
      duration.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }
  }

  /** Stops the loop: a reconcile under way is interrupted, queued ones are dropped; the depth gauge is removed. */
  @Override
  public void close() {
    worker.shutdownNow();
    registry.remove(depth);
  }
}
