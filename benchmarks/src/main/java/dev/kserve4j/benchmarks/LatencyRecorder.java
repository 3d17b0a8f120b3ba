package dev.kserve4j.benchmarks;

import java.util.Arrays;

/** Collects latencies (nanoseconds) and reports percentiles in microseconds. */
final class LatencyRecorder {
  private long[] samples = new long[1 << 16];
  private int count;

  synchronized void record(long nanos) {
    if (count == samples.length) {
      samples = Arrays.copyOf(samples, samples.length * 2);
    }
    samples[count++] = nanos;
  }

  synchronized int count() {
    return count;
  }

  /** The {@code p}-th percentile (0..100) in microseconds. */
  synchronized double percentileMicros(double p) {
    if (count == 0) {
      return Double.NaN;
    }
    long[] sorted = Arrays.copyOf(samples, count);
    Arrays.sort(sorted);
    int index = (int) Math.min(count - 1, Math.max(0, Math.ceil(p / 100.0 * count) - 1));
    return sorted[index] / 1000.0;
  }
}
