package dev.kserve4j.autoscaler;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Knative's timed buckets ({@code aggregation/bucketing.go}): values recorded in the same second
 * are summed into that second's bucket; the window average is the sum of the buckets within the
 * window divided by the seconds of data the window has seen, so a window that began filling only
 * recently is not diluted by seconds before its first value, while gaps after it count as zero. A
 * window with no value for a whole window's length is empty again.
 */
public final class MetricWindow {
  private final long seconds;
  private final TreeMap<Long, Double> buckets = new TreeMap<>();
  private long firstWrite = Long.MIN_VALUE;
  private long lastWrite = Long.MIN_VALUE;

  /**
   * @param window the window's length, rounded to whole seconds, at least 1 s
   */
  public MetricWindow(Duration window) {
    this.seconds = Math.max(1, window.toSeconds());
  }

  /** Adds {@code value} to the bucket of {@code at}'s second. */
  public void record(Instant at, double value) {
    long s = at.getEpochSecond();
    if (lastWrite == Long.MIN_VALUE || lastWrite <= s - seconds) {
      buckets.clear();
      firstWrite = s; // a new series: nothing recorded for a whole window
    }
    buckets.merge(s, value, Double::sum);
    lastWrite = Math.max(lastWrite, s);
    buckets.headMap(s - seconds, true).clear();
  }

  /** Whether nothing was recorded within the window before {@code now}. */
  public boolean isEmpty(Instant now) {
    return lastWrite == Long.MIN_VALUE || now.getEpochSecond() - lastWrite >= seconds;
  }

  /** The average over the window ending at {@code now}'s second; 0 when empty. */
  public double average(Instant now) {
    if (isEmpty(now)) {
      return 0;
    }
    long s = now.getEpochSecond();
    double sum = 0;
    for (Map.Entry<Long, Double> b : buckets.subMap(s - seconds, false, s, true).entrySet()) {
      sum += b.getValue();
    }
    long seen = Math.min(s - firstWrite + 1, seconds);
    double avg = sum / Math.max(1, seen);
    return Math.round(avg * 1e6) / 1e6;
  }
}
