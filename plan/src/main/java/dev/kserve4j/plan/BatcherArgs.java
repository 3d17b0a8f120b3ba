package dev.kserve4j.plan;

import dev.kserve4j.api.v1beta1.Batcher;
import java.util.List;

/**
 * The predictor's {@code batcher} as the kserve4j server batches: {@code maxBatchSize} rows ({@code
 * --max-batch-size}) and {@code maxLatency} milliseconds of waiting ({@code --max-queue-delay-us}),
 * with the defaults of KServe's batcher (32 rows, 5000 ms) for what is unset. Both hosts read it
 * from here: the embedded one batches with these values, the operator passes them to the kserve4j
 * server container as flags.
 */
public final class BatcherArgs {
  /** KServe's batcher default ({@code inferenceservice-config} {@code batcher.maxBatchSize}). */
  public static final int DEFAULT_MAX_BATCH_SIZE = 32;

  /** KServe's batcher default ({@code batcher.maxLatency}), in milliseconds. */
  public static final int DEFAULT_MAX_LATENCY_MS = 5000;

  private BatcherArgs() {}

  /** The rows per batch. */
  public static int maxBatchSize(Batcher batcher) {
    return batcher.maxBatchSize() == null ? DEFAULT_MAX_BATCH_SIZE : batcher.maxBatchSize();
  }

  /** The longest wait for more requests, in microseconds. */
  public static long maxQueueDelayMicros(Batcher batcher) {
    int ms = batcher.maxLatency() == null ? DEFAULT_MAX_LATENCY_MS : batcher.maxLatency();
    return ms * 1000L;
  }

  /** The flags of {@code kserve4j serve} that batch as {@code batcher} says. */
  public static List<String> serveFlags(Batcher batcher) {
    return List.of(
        "--max-batch-size=" + maxBatchSize(batcher),
        "--max-queue-delay-us=" + maxQueueDelayMicros(batcher));
  }
}
