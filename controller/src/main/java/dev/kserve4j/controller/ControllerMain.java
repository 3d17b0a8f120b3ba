package dev.kserve4j.controller;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import io.javaoperatorsdk.operator.processing.retry.GenericRetry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.Closeable;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the operator on the Java Operator SDK: one controller per kind (InferenceService,
 * InferenceGraph, TrainedModel, see {@link KServeControllers}), in each watched namespace or in all
 * of them. A failed reconcile is retried every {@link ControllerConfig#retryDelay()} for as long as
 * it fails; every resource is reconciled again at least every {@link ControllerConfig#resync()}.
 * Metadata changes (annotations such as the deployment mode or autoscaler class) reconcile too, not
 * only new generations.
 */
public final class ControllerMain {
  private static final Logger LOG = LoggerFactory.getLogger(ControllerMain.class);
  static final String INFERENCE_SERVICE = "inferenceservice";
  static final String INFERENCE_GRAPH = "inferencegraph";
  static final String TRAINED_MODEL = "trainedmodel";

  /** Unless told otherwise, stopping interrupts reconciles in flight at once (JOSDK's default). */
  static final Duration DEFAULT_STOP_TIMEOUT = Duration.ZERO;

  private ControllerMain() {}

  /**
   * {@link #start(KubernetesClient, ControllerConfig, MeterRegistry)} keeping its metrics in memory
   * only.
   */
  public static Closeable start(KubernetesClient client, ControllerConfig config) {
    return start(client, config, new SimpleMeterRegistry());
  }

  /**
   * Starts watching; closing the result stops the operator (its informers and reconciles), not the
   * client.
   *
   * @param registry receives controller-runtime's reconcile metrics ({@link OperatorMetrics})
   */
  public static Closeable start(
      KubernetesClient client, ControllerConfig config, MeterRegistry registry) {
    return start(client, config, registry, DEFAULT_STOP_TIMEOUT);
  }

  /**
   * Starts watching, as {@link #start(KubernetesClient, ControllerConfig, MeterRegistry)}; closing
   * the result waits at most {@code stopTimeout} for the reconciles in flight, then interrupts
   * them, so that a reconcile stuck on an API server that stopped answering cannot hold shutdown.
   */
  public static Closeable start(
      KubernetesClient client,
      ControllerConfig config,
      MeterRegistry registry,
      Duration stopTimeout) {
    requireNonNull(stopTimeout, "stopTimeout");
    if (stopTimeout.isNegative()) {
      throw new IllegalArgumentException("stopTimeout: " + stopTimeout + " (expected: >= 0)");
    }
    Clock clock = Clock.systemUTC();
    boolean knative = supportsKnative(client);
    OperatorMetrics metrics =
        new OperatorMetrics(
            registry,
            Map.of(
                INFERENCE_SERVICE,
                "InferenceService",
                INFERENCE_GRAPH,
                "InferenceGraph",
                TRAINED_MODEL,
                "TrainedModel"));
    Operator operator =
        new Operator(
            o ->
                o.withKubernetesClient(client)
                    .withMetrics(metrics)
                    .withCloseClientOnStop(false)
                    .withReconciliationTerminationTimeout(stopTimeout));
    operator.register(
        new KServeControllers.InferenceServices(
            new InferenceServiceReconciler(client, config, clock), knative),
        settings(INFERENCE_SERVICE, config));
    operator.register(
        new KServeControllers.InferenceGraphs(
            new InferenceGraphReconciler(client, config, clock), knative),
        settings(INFERENCE_GRAPH, config));
    operator.register(
        new KServeControllers.TrainedModels(new TrainedModelReconciler(client, clock)),
        settings(TRAINED_MODEL, config));
    operator.start();
    LOG.info(
        "watching InferenceServices, InferenceGraphs and TrainedModels in {}{}",
        config.namespaces().isEmpty() ? "all namespaces" : config.namespaces(),
        knative ? ", and Knative Services" : " (Knative Serving is not installed)");
    return () -> {
      operator.stop();
      metrics.close();
    };
  }

  /**
   * A controller named {@code name} in the configured namespaces, retrying every {@code retryDelay}
   * without limit, reconciling at least every {@code resync}, on every event (the kserve4j
   * reconcilers handle deletions and finalizers themselves).
   */
  private static <P extends HasMetadata> Consumer<ControllerConfigurationOverrider<P>> settings(
      String name, ControllerConfig config) {
    return o -> {
      o.withName(name)
          .withGenerationAware(false)
          .withTriggerReconcilerOnAllEvents(true)
          .withRetry(
              new GenericRetry()
                  .setInitialInterval(config.retryDelay())
                  .setIntervalMultiplier(1)
                  .withoutMaxAttempts())
          .withReconciliationMaxInterval(config.resync());
      if (config.namespaces().isEmpty()) {
        o.watchingAllNamespaces();
      } else {
        o.settingNamespaces(config.namespaces());
      }
    };
  }

  /** Whether the cluster serves Knative's {@code serving.knative.dev/v1} Service (Knative mode). */
  private static boolean supportsKnative(KubernetesClient client) {
    try {
      return client.supports("serving.knative.dev/v1", "Service");
    } catch (RuntimeException e) {
      LOG.warn(
          "cannot tell whether Knative Serving is installed ({}); Knative Services are not watched",
          e.toString());
      return false;
    }
  }
}
