package dev.kserve4j.plan;

import dev.kserve4j.api.v1beta1.Batcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * How a predictor's {@code batcher} becomes the dynamic-batching flags of {@code kserve4j serve}:
 * {@code maxBatchSize} as {@code --max-batch-size}, {@code maxLatency} (milliseconds) as {@code
 * --max-queue-delay-us} (microseconds), with KServe's batcher defaults (32 and 5000 ms) for unset
 * fields. KServe runs a batcher sidecar in front of the model server; a kserve4j server batches
 * in-process, so on a kserve4j image the flags take the sidecar's place. {@code timeout} has no
 * flag: the server's request handling, not the batcher, bounds how long a request waits.
 */
public final class BatcherArgs {
  /** KServe's default {@code maxBatchSize}. */
  public static final int DEFAULT_MAX_BATCH_SIZE = 32;

  /** KServe's default {@code maxLatency}, in milliseconds. */
  public static final int DEFAULT_MAX_LATENCY_MS = 5000;

  static final String MAX_BATCH_SIZE = "--max-batch-size";
  static final String MAX_QUEUE_DELAY = "--max-queue-delay-us";
  private static final Set<String> FLAGS = Set.of(MAX_BATCH_SIZE, MAX_QUEUE_DELAY);

  private BatcherArgs() {}

  /** The batch size the batcher asks for, KServe's default when unset. */
  public static int maxBatchSize(Batcher batcher) {
    return batcher.maxBatchSize() == null ? DEFAULT_MAX_BATCH_SIZE : batcher.maxBatchSize();
  }

  /** The longest wait for more requests, in microseconds, KServe's default when unset. */
  public static long maxQueueDelayMicros(Batcher batcher) {
    long ms = batcher.maxLatency() == null ? DEFAULT_MAX_LATENCY_MS : batcher.maxLatency();
    return ms * 1000L;
  }

  /** The flags, e.g. {@code [--max-batch-size=32, --max-queue-delay-us=5000000]}. */
  public static List<String> args(Batcher batcher) {
    return List.of(
        MAX_BATCH_SIZE + "=" + maxBatchSize(batcher),
        MAX_QUEUE_DELAY + "=" + maxQueueDelayMicros(batcher));
  }

  /**
   * {@code args} with the batcher's flags in place of any batching flags already there ({@code
   * --flag=value} or {@code --flag value}); {@code args} unchanged when {@code batcher} is null.
   */
  public static List<String> apply(List<String> args, Batcher batcher) {
    List<String> in = args == null ? List.of() : args;
    if (batcher == null) {
      return List.copyOf(in);
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < in.size(); i++) {
      String a = in.get(i);
      if (FLAGS.contains(a)) {
        i++; // its value follows
      } else if (!FLAGS.contains(a.contains("=") ? a.substring(0, a.indexOf('=')) : a)) {
        out.add(a);
      }
    }
    out.addAll(args(batcher));
    return List.copyOf(out);
  }

  /**
   * Whether {@code image} with {@code args} runs {@code kserve4j serve}, which takes the flags: a
   * kserve4j image whose first arg is {@code serve}.
   */
  public static boolean takesFlags(String image, List<String> args) {
    return KServe4jImage.matches(image)
        && args != null
        && !args.isEmpty()
        && "serve".equals(args.get(0));
  }
}
