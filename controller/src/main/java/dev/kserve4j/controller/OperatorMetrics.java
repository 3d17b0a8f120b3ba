package dev.kserve4j.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.Closeable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Java Operator SDK's reconcile events as controller-runtime's metrics, the names KServe's
 * controller exports: {@code controller_runtime_reconcile_total{controller,kind,result}}, {@code
 * controller_runtime_reconcile_time_seconds{controller,kind}} and {@code
 * workqueue_depth{name,kind}} (reconciles submitted and not yet started). Closing removes the depth
 * gauges.
 */
final class OperatorMetrics implements Metrics, Closeable {
  private final MeterRegistry registry;

  /** The kind each controller reconciles, by controller name. */
  private final Map<String, String> kinds;

  private final Map<String, AtomicInteger> waiting = new ConcurrentHashMap<>();
  private final List<Gauge> gauges;

  OperatorMetrics(MeterRegistry registry, Map<String, String> kinds) {
    this.registry = registry;
    this.kinds = Map.copyOf(kinds);
    kinds.keySet().forEach(c -> waiting.put(c, new AtomicInteger()));
    this.gauges =
        kinds.entrySet().stream()
            .map(
                e ->
                    Gauge.builder("workqueue.depth", waiting.get(e.getKey()), AtomicInteger::get)
                        .description("Reconciles waiting to start")
                        .tags("name", e.getKey(), "kind", e.getValue())
                        .register(registry))
            .toList();
  }

  private static String controller(Map<String, Object> metadata) {
    return String.valueOf(metadata.get(Constants.CONTROLLER_NAME));
  }

  private void count(HasMetadata resource, Map<String, Object> metadata, String result) {
    Counter.builder("controller.runtime.reconcile")
        .description("Reconciles by result")
        .tags("controller", controller(metadata), "kind", resource.getKind(), "result", result)
        .register(registry)
        .increment();
  }

  @Override
  public void reconciliationSubmitted(
      HasMetadata resource, RetryInfo retryInfo, Map<String, Object> metadata) {
    waiting.computeIfAbsent(controller(metadata), c -> new AtomicInteger()).incrementAndGet();
  }

  @Override
  public void reconciliationStarted(HasMetadata resource, Map<String, Object> metadata) {
    waiting
        .computeIfAbsent(controller(metadata), c -> new AtomicInteger())
        .updateAndGet(n -> Math.max(0, n - 1));
  }

  @Override
  public void reconciliationSucceeded(HasMetadata resource, Map<String, Object> metadata) {
    count(resource, metadata, "success");
  }

  @Override
  public void reconciliationFailed(
      HasMetadata resource,
      RetryInfo retryInfo,
      Exception exception,
      Map<String, Object> metadata) {
    count(resource, metadata, "error");
  }

  @Override
  public <T> T timeControllerExecution(ControllerExecution<T> execution) throws Exception {
    Timer timer =
        Timer.builder("controller.runtime.reconcile.time")
            .description("Time of one reconcile")
            .tags(
                "controller",
                execution.controllerName(),
                "kind",
                kinds.getOrDefault(execution.controllerName(), ""))
            .register(registry);
    Timer.Sample sample = Timer.start(registry);
    try {
      return execution.execute();
    } finally {
      sample.stop(timer);
    }
  }

  @Override
  public void close() {
    gauges.forEach(registry::remove);
  }
}
