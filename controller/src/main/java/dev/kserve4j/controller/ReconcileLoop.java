package dev.kserve4j.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.Closeable;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs reconciles one at a time on one thread. A key ({@code namespace/name}) queued while it is
 * already waiting is queued once, so a burst of events costs one reconcile; a reconcile that throws
 * is queued again after the retry delay.
 */
final class ReconcileLoop implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(ReconcileLoop.class);

  private final InferenceServiceReconciler reconciler;
  private final Duration retryDelay;
  private final Set<String> waiting = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(
      r -> Thread.ofPlatform().name("kserve4j-reconcile").daemon().unstarted(r));

  ReconcileLoop(InferenceServiceReconciler reconciler, Duration retryDelay) {
    this.reconciler = reconciler;
    this.retryDelay = retryDelay;
  }

  /** Queues the InferenceService {@code namespace/name}. */
  void enqueue(String namespace, String name) {
    String key = namespace + "/" + name;
    if (!worker.isShutdown() && waiting.add(key)) {
      worker.execute(() -> run(key, namespace, name));
    }
  }

  /** Queues the InferenceService {@code object} is labelled with, if any. */
  void enqueueOwner(HasMetadata object) {
    String owner = object.getMetadata().getLabels() == null
        ? null : object.getMetadata().getLabels().get(ComponentMeta.ISVC_LABEL);
    if (owner != null) {
      enqueue(object.getMetadata().getNamespace(), owner);
    }
  }

  private void run(String key, String namespace, String name) {
    waiting.remove(key);
    try {
      reconciler.reconcile(namespace, name);
    } catch (RuntimeException e) {
      LOG.warn("InferenceService {}/{}: reconcile failed, retrying in {}: {}", namespace, name, retryDelay, e.toString());
      if (!worker.isShutdown()) {
        worker.schedule(() -> enqueue(namespace, name), retryDelay.toMillis(), TimeUnit.MILLISECONDS);
      }
    }
  }

  @Override
  public void close() {
    worker.shutdownNow();
  }
}
