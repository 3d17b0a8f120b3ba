package dev.kserve4j.server.config;

/**
 * Dynamic batching of one model, as Triton's {@code dynamic_batching} block configures it.
 *
 * @param maxBatchSize the most rows (dimension 0) merged into one runtime call; >= 1
 * @param maxQueueDelayMicros how long the first queued request may wait for others, in microseconds
 * @param instances how many batches of this model may run at once; >= 1
 */
public record BatchingConfig(int maxBatchSize, long maxQueueDelayMicros, int instances) {
  public BatchingConfig {
    if (maxBatchSize < 1) {
      throw new IllegalArgumentException("maxBatchSize: " + maxBatchSize + " (expected: >= 1)");
    }
    if (maxQueueDelayMicros < 0) {
      throw new IllegalArgumentException(
          "maxQueueDelayMicros: " + maxQueueDelayMicros + " (expected: >= 0)");
    }
    if (instances < 1) {
      throw new IllegalArgumentException("instances: " + instances + " (expected: >= 1)");
    }
  }

  public BatchingConfig(int maxBatchSize, long maxQueueDelayMicros) {
    this(maxBatchSize, maxQueueDelayMicros, 1);
  }
}
