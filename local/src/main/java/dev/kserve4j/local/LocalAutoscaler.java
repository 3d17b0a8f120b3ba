package dev.kserve4j.local;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.api.v1beta1.ComponentSpec;
import dev.kserve4j.api.v1beta1.InferenceService;
import dev.kserve4j.autoscaler.Decision;
import dev.kserve4j.autoscaler.KpaScaler;
import dev.kserve4j.autoscaler.KpaSettings;
import dev.kserve4j.autoscaler.MetricSource;
import dev.kserve4j.autoscaler.ReplicaRealizer;
import dev.kserve4j.autoscaler.ScalingLoop;
import dev.kserve4j.common.KServeException;
import dev.kserve4j.plan.ComponentPlan;
import dev.kserve4j.server.config.ReplicaSettings;
import dev.kserve4j.server.repository.ModelRepository;
import dev.kserve4j.server.scaling.ReplicaPool;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Knative's pod autoscaler for the components {@code kserve4j up} serves: each component's model is
 * served by a set of replicas ({@link ReplicaPool}), and one {@link ScalingLoop} per revision reads
 * its load every second and asks for replicas every two, as Knative's autoscaler does, with the
 * settings KServe maps from the InferenceService ({@link KpaSettings#fromInferenceService}).
 *
 * <p>Loops follow the repository: a revision's loop starts once its replicas are loaded and ends
 * when they are removed. A request to a component at zero starts a replica at once (the pool does)
 * and the loop is poked, as Knative's activator pokes its autoscaler.
 *
 * <p>Per component it publishes {@code kserve4j_autoscaler_desired_replicas}, {@code
 * kserve4j_autoscaler_actual_replicas}, {@code kserve4j_autoscaler_panic_mode}, {@code
 * kserve4j_activator_queue_depth} and {@code kserve4j_autoscaler_cold_start_seconds}, labelled
 * {@code namespace}, {@code inferenceservice} and {@code component}.
 */
final class LocalAutoscaler implements AutoCloseable {
  /** The InferenceService component a replica set serves. */
  record Scope(String namespace, String inferenceService, String component) {
    Tags tags() {
      return Tags.of(
          "namespace", namespace, "inferenceservice", inferenceService, "component", component);
    }
  }

  /**
   * One component's replica counts, as {@code status.components[component]} shows them.
   *
   * @param desired the replicas the autoscaler asks for
   * @param actual the ready replicas
   * @param panic whether the autoscaler is in panic mode
   */
  record Replicas(int desired, int actual, boolean panic) {}

  private record Registration(Scope scope, KpaSettings kpa) {}

  private static final class Loop {
    final Registration registration;
    final ScalingLoop loop;
    final ReplicaPool pool;

    Loop(Registration registration, ScalingLoop loop, ReplicaPool pool) {
      this.registration = registration;
      this.loop = loop;
      this.pool = pool;
    }
  }

  private final ModelRepository repository;
  private final Clock clock;
  private final Map<ReplicaSettings, Registration> registrations = new ConcurrentHashMap<>();

  /** Guarded by {@code this}. */
  private final Map<ReplicaPool, Loop> loops = new IdentityHashMap<>();

  /** Guarded by {@code this}. */
  private final Set<Scope> metered = new HashSet<>();

  /** The annotation that bounds a component's activator queue (default 10000, as Knative's). */
  static final String QUEUE_SIZE_ANNOTATION = "serving.kserve4j.dev/activator-queue-size";

  /** Knative's {@code scale-to-zero-grace-period} of {@code config-autoscaler}: 30 s. */
  static final Duration DEFAULT_GRACE = Duration.ofSeconds(30);

  private volatile Duration grace = DEFAULT_GRACE;
  private MeterRegistry meters;
  private ScheduledExecutorService ticker;
  private long ticks;

  LocalAutoscaler(ModelRepository repository, Clock clock) {
    this.repository = requireNonNull(repository, "repository");
    this.clock = requireNonNull(clock, "clock");
  }

  /**
   * The replica settings of a component's model, after checking its autoscaling settings as Knative
   * and KServe do.
   *
   * @param field the component's path in the spec, e.g. {@code spec.predictor}
   * @param annotations the InferenceService's annotations, the component's own over them
   * @throws dev.kserve4j.common.KServeException (invalid input) naming the field or annotation
   */
  ReplicaSettings settings(
      Key key,
      String component,
      String field,
      ComponentPlan plan,
      Map<String, String> annotations) {
    // Standard mode's HPA metrics (cpu, memory) cannot be read per replica in one process: such a
    // component scales on concurrency with Knative's default target, never below one replica.
    boolean hpa = "cpu".equals(plan.scaleMetric()) || "memory".equals(plan.scaleMetric());
    KpaSettings kpa =
        KpaSettings.fromInferenceService(
            field,
            hpa ? Math.max(1, plan.minReplicas()) : plan.minReplicas(),
            plan.maxReplicas(),
            hpa ? null : plan.scaleTarget(),
            hpa ? null : plan.scaleMetric(),
            plan.containerConcurrency() == null
                ? null
                : Math.toIntExact(plan.containerConcurrency()),
            annotations);
    int queue = queueSize(annotations);
    Duration timeout =
        plan.timeoutSeconds() == null
            ? ReplicaSettings.DEFAULT_QUEUE_TIMEOUT
            : Duration.ofSeconds(plan.timeoutSeconds());
    ReplicaSettings replicas =
        new ReplicaSettings(
            "InferenceService " + key.namespace() + "/" + key.name() + " (" + component + ")",
            Math.max(kpa.initialScale(), kpa.minScale()),
            kpa.containerConcurrency(),
            queue,
            timeout);
    registrations.put(
        replicas, new Registration(new Scope(key.namespace(), key.name(), component), kpa));
    return replicas;
  }

  private static int queueSize(Map<String, String> annotations) {
    String given = annotations.get(QUEUE_SIZE_ANNOTATION);
    if (given == null) {
      return ReplicaSettings.DEFAULT_QUEUE_CAPACITY;
    }
    try {
      int size = Integer.parseInt(given.trim());
      if (size >= 1) {
        return size;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw KServeException.invalidInput(
        "metadata.annotations."
            + QUEUE_SIZE_ANNOTATION
            + ": \""
            + given
            + "\" (expected a whole number of requests, 1 or more)");
  }

  /**
   * Knative's {@code scale-to-zero-grace-period} for every component from now on (the global
   * setting of {@code config-autoscaler}; no annotation sets it).
   */
  void scaleToZeroGracePeriod(Duration period) {
    if (period.isNegative()) {
      throw new IllegalArgumentException(
          "scale-to-zero grace period " + period + " (expected 0 or more)");
    }
    this.grace = period;
  }

  /** The webhook that refuses autoscaling annotations Knative refuses. */
  static final String KNATIVE_WEBHOOK = "validation.webhook.serving.knative.dev";

  /**
   * Why Knative's webhook (or KServe's, for the fields it maps) would refuse the autoscaling
   * settings of {@code isvc}'s components; empty when they are valid. Checked at admission, so a
   * bad value is refused before anything is stored.
   */
  static Optional<String> admissionDenial(InferenceService isvc) {
    if (isvc.getSpec() == null) {
      return Optional.empty();
    }
    Map<String, ComponentSpec> components = new LinkedHashMap<>();
    components.put("predictor", isvc.getSpec().getPredictor());
    components.put("transformer", isvc.getSpec().getTransformer());
    components.put("explainer", isvc.getSpec().getExplainer());
    for (Map.Entry<String, ComponentSpec> c : components.entrySet()) {
      ComponentSpec spec = c.getValue();
      if (spec == null) {
        continue;
      }
      Map<String, String> annotations = new LinkedHashMap<>();
      if (isvc.getMetadata().getAnnotations() != null) {
        annotations.putAll(isvc.getMetadata().getAnnotations());
      }
      if (spec.getAnnotations() != null) {
        annotations.putAll(spec.getAnnotations());
      }
      String metric =
          spec.getScaleMetric() == null
              ? null
              : spec.getScaleMetric().name().toLowerCase(java.util.Locale.ROOT);
      boolean hpa = "cpu".equals(metric) || "memory".equals(metric);
      try {
        KpaSettings.fromInferenceService(
            "spec." + c.getKey(),
            spec.getMinReplicas(),
            spec.getMaxReplicas(),
            hpa ? null : spec.getScaleTarget(),
            hpa ? null : metric,
            spec.getContainerConcurrency() == null
                ? null
                : Math.toIntExact(spec.getContainerConcurrency()),
            annotations);
        queueSize(annotations);
      } catch (KServeException | ArithmeticException e) {
        return Optional.of(e.getMessage());
      }
    }
    return Optional.empty();
  }

  /** Publishes the autoscaler's meters to {@code registry}. */
  synchronized void bindTo(MeterRegistry registry) {
    this.meters = requireNonNull(registry, "registry");
  }

  /** Starts the loops' clock: a scrape every second, an evaluation every two. */
  synchronized void start() {
    if (ticker != null) {
      return;
    }
    ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "kserve4j-autoscaler");
              t.setDaemon(true);
              return t;
            });
    ticker.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
  }

  /** One second of the autoscaler: every loop scrapes; every second tick they also evaluate. */
  synchronized void tick() {
    follow();
    boolean evaluate = ticks++ % 2 == 1;
    for (Loop l : loops.values()) {
      l.loop.scrape();
      if (evaluate) {
        l.loop.evaluate();
      }
    }
  }

  /** The replica counts of every component of an InferenceService, by component. */
  synchronized Map<String, Replicas> replicas(Key key) {
    Map<String, Replicas> out = new LinkedHashMap<>();
    Map<String, List<Loop>> byComponent = new HashMap<>();
    for (Loop l : loops.values()) {
      Scope s = l.registration.scope();
      if (s.namespace().equals(key.namespace()) && s.inferenceService().equals(key.name())) {
        byComponent.computeIfAbsent(s.component(), c -> new ArrayList<>()).add(l);
      }
    }
    byComponent.forEach(
        (component, ls) -> {
          int desired = 0;
          int actual = 0;
          boolean panic = false;
          for (Loop l : ls) {
            ReplicaPool.Stats stats = l.pool.stats();
            desired += stats.desired();
            actual += stats.ready();
            panic |= l.loop.last().panic();
          }
          out.put(component, new Replicas(desired, actual, panic));
        });
    return out;
  }

  /** Starts loops for new replica sets and ends those of replica sets that were removed. */
  private void follow() {
    Map<ReplicaPool, String> current = new IdentityHashMap<>();
    for (String name : repository.names()) {
      repository.replicaPool(name).ifPresent(p -> current.put(p, name));
    }
    loops.keySet().removeIf(p -> !current.containsKey(p));
    current.forEach(
        (pool, name) -> {
          if (!loops.containsKey(pool)) {
            Optional.ofNullable(registrations.get(pool.settings()))
                .ifPresent(r -> loops.put(pool, loop(name, pool, r)));
          }
        });
  }

  private Loop loop(String model, ReplicaPool pool, Registration registration) {
    MetricSource source =
        () -> {
          ReplicaPool.Sample s = pool.sample();
          return new MetricSource.Sample(s.concurrency(), s.requests());
        };
    ReplicaRealizer realizer =
        new ReplicaRealizer() {
          @Override
          public int readyReplicas() {
            return pool.stats().ready();
          }

          @Override
          public void scaleTo(int desired, Decision why) {
            pool.scaleTo(desired);
          }
        };
    ScalingLoop loop =
        new ScalingLoop(
            model,
            new KpaScaler(registration.kpa().withScaleToZeroGracePeriod(grace), clock),
            source,
            realizer);
    Loop l = new Loop(registration, loop, pool);
    pool.listener(
        new ReplicaPool.Listener() {
          @Override
          public void demandAtZero() {
            synchronized (LocalAutoscaler.this) {
              loop.poke();
            }
          }

          @Override
          public void atZero() {
            // The model's instances are closed; a full collection lets the JVM give the heap they
            // held back to the system (the component is idle, so the pause meets no request of
            // its own).
            System.gc();
          }

          @Override
          public void coldStart(Duration took) {
            MeterRegistry registry = meters();
            if (registry != null) {
              coldStarts(registry, registration.scope()).record(took);
            }
          }
        });
    meter(registration.scope());
    return l;
  }

  private synchronized MeterRegistry meters() {
    return meters;
  }

  /** Registers the gauges of {@code scope} once; they read the loops of that component. */
  private void meter(Scope scope) {
    if (meters == null || !metered.add(scope)) {
      return;
    }
    Tags tags = scope.tags();
    Gauge.builder("kserve4j.autoscaler.desired.replicas", this, a -> a.sum(scope, Stat.DESIRED))
        .description("Replicas the autoscaler asks for")
        .tags(tags)
        .register(meters);
    Gauge.builder("kserve4j.autoscaler.actual.replicas", this, a -> a.sum(scope, Stat.ACTUAL))
        .description("Replicas ready to take requests")
        .tags(tags)
        .register(meters);
    Gauge.builder("kserve4j.autoscaler.panic.mode", this, a -> a.sum(scope, Stat.PANIC))
        .description("1 while the autoscaler is in panic mode")
        .tags(tags)
        .register(meters);
    Gauge.builder("kserve4j.activator.queue.depth", this, a -> a.sum(scope, Stat.QUEUED))
        .description("Requests waiting in the activator for a replica")
        .tags(tags)
        .register(meters);
    coldStarts(meters, scope);
  }

  private static Timer coldStarts(MeterRegistry registry, Scope scope) {
    return Timer.builder("kserve4j.autoscaler.cold.start")
        .description("Time from a scale-up from zero until the first replica is ready")
        .tags(scope.tags())
        .register(registry);
  }

  private enum Stat {
    DESIRED,
    ACTUAL,
    PANIC,
    QUEUED
  }

  private synchronized double sum(Scope scope, Stat stat) {
    double sum = 0;
    for (Loop l : loops.values()) {
      if (l.registration.scope().equals(scope)) {
        ReplicaPool.Stats s = l.pool.stats();
        sum +=
            switch (stat) {
              case DESIRED -> s.desired();
              case ACTUAL -> s.ready();
              case PANIC -> l.loop.last().panic() ? 1 : 0;
              case QUEUED -> s.queued();
            };
      }
    }
    return stat == Stat.PANIC ? Math.min(1, sum) : sum;
  }

  @Override
  public synchronized void close() {
    if (ticker != null) {
      ticker.shutdownNow();
    }
  }
}
