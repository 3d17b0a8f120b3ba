package dev.kserve4j.server.repository;

/**
 * Decides whether a model call runs on the calling thread (the event loop that decoded the request)
 * or on the model-worker pool, from the model's measured cost per row.
 *
 * <p>A thread hop costs a few microseconds and two context switches, as much as a whole call of a
 * small ONNX model or of the Java tree evaluator. Calls expected to take less than {@link
 * #INLINE_BELOW_NANOS} run inline; longer ones (large inputs, native XGBoost calls with their ~170
 * us fixed cost, big networks) go to the pool so they never hold up the event loop. The first
 * {@link #LEARNING_CALLS} calls always go to the pool while the cost is learned; the estimate keeps
 * following every call (exponentially weighted), so a model that becomes slow moves back to the
 * pool.
 */
final class DispatchPolicy {
  /** Expected call time under which a call runs inline: 50 microseconds. */
  static final long INLINE_BELOW_NANOS = 50_000;

  static final int LEARNING_CALLS = 32;
  private static final double WEIGHT = 0.05;

  private volatile double nanosPerRow = Double.NaN;
  private volatile double fixedNanos = Double.NaN;
  private volatile int calls;

  /** Whether a call with {@code rows} rows should run on the calling thread. */
  boolean inline(long rows) {
    if (calls < LEARNING_CALLS) {
      return false;
    }
    return fixedNanos + nanosPerRow * Math.max(1, rows) < INLINE_BELOW_NANOS;
  }

  /** Records one finished call. */
  void record(long rows, long nanos) {
    long r = Math.max(1, rows);
    double perRow = (double) nanos / r;
    int n = calls;
    if (n == 0) {
      nanosPerRow = perRow;
      fixedNanos = 0;
    } else {
      nanosPerRow += WEIGHT * (perRow - nanosPerRow);
      // The fixed part is what a single-row call costs beyond the per-row estimate; it keeps
      // models with a large per-call overhead off the event loop even for one row.
      if (r == 1) {
        fixedNanos += WEIGHT * (Math.max(0, nanos - nanosPerRow) - fixedNanos);
      }
    }
    if (n < Integer.MAX_VALUE) {
      calls = n + 1;
    }
  }
}
