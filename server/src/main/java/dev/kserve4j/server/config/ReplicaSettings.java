package dev.kserve4j.server.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How a model is served by a set of replicas, each an independent instance of it (its own session,
 * booster or Python worker), and how requests wait while no replica can take them (the activator).
 *
 * @param owner what the replicas serve, as users name it in messages (e.g. {@code InferenceService
 *     default/iris, predictor})
 * @param initialReplicas how many replicas load before the model counts as loaded; 0 loads one to
 *     learn the model's metadata and unloads it again
 * @param containerConcurrency the most requests one replica runs at once; 0 for no limit
 * @param queueCapacity the most requests waiting for a replica; one more is answered 503
 * @param queueTimeout how long a request waits for a replica before it is answered 503
 */
public record ReplicaSettings(
    String owner,
    int initialReplicas,
    int containerConcurrency,
    int queueCapacity,
    Duration queueTimeout) {

  /** Knative's activator holds up to 10000 requests per revision. */
  public static final int DEFAULT_QUEUE_CAPACITY = 10_000;

  /** Knative's default revision timeout, 300 s, which bounds how long a request waits too. */
  public static final Duration DEFAULT_QUEUE_TIMEOUT = Duration.ofSeconds(300);

  public ReplicaSettings {
    requireNonNull(owner, "owner");
    requireNonNull(queueTimeout, "queueTimeout");
    if (initialReplicas < 0) {
      throw new IllegalArgumentException(
          "initialReplicas " + initialReplicas + " (expected 0 or more)");
    }
    if (containerConcurrency < 0) {
      throw new IllegalArgumentException(
          "containerConcurrency " + containerConcurrency + " (expected 0 for no limit, or more)");
    }
    if (queueCapacity < 1) {
      throw new IllegalArgumentException(
          "queueCapacity " + queueCapacity + " (expected 1 or more)");
    }
    if (queueTimeout.isNegative() || queueTimeout.isZero()) {
      throw new IllegalArgumentException("queueTimeout " + queueTimeout + " (expected > 0)");
    }
  }
}
