package dev.kserve4j.testing.load;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one step of a {@link SteadyLoad} counted.
 *
 * @param answers 2xx answers by label (e.g. by the revision that gave them)
 * @param failed answers that were not 2xx, transport errors and unclassified answers
 * @param failures how many failures had each text (the first distinct texts only)
 * @param elapsed how long the step was open
 */
public record Step(
    Map<String, Long> answers, long failed, Map<String, Long> failures, Duration elapsed) {
  public Step {
    answers = Collections.unmodifiableMap(new TreeMap<>(answers));
    failures = Collections.unmodifiableMap(new TreeMap<>(failures));
  }

  /** Answers plus failures. */
  public long sent() {
    return answered() + failed;
  }

  /** Every 2xx answer, whatever its label. */
  public long answered() {
    return answers.values().stream().mapToLong(Long::longValue).sum();
  }

  /** The answers labelled {@code label}; 0 when none were. */
  public long count(String label) {
    return answers.getOrDefault(label, 0L);
  }

  /** The share of the answers labelled {@code label}, in [0, 1]; 0 without answers. */
  public double share(String label) {
    long answered = answered();
    return answered == 0 ? 0 : (double) count(label) / answered;
  }

  /**
   * Whether the share of {@code label} is within {@code sigmas} standard deviations of a binomial
   * draw with probability {@code expected} over the answers; exact when {@code expected} is 0 or 1.
   */
  public boolean shareWithin(String label, double expected, double sigmas) {
    long n = answered();
    if (n == 0) {
      return false;
    }
    if (expected <= 0 || expected >= 1) {
      return count(label) == Math.round(expected * n);
    }
    double sd = Math.sqrt(n * expected * (1 - expected));
    return Math.abs(count(label) - expected * n) <= sigmas * sd;
  }

  /** One line: sent, failed, the split by label and the rate. */
  public String summary() {
    StringBuilder split = new StringBuilder();
    answers.forEach(
        (label, count) ->
            split
                .append(split.isEmpty() ? "" : ", ")
                .append(label)
                .append(' ')
                .append(String.format("%.1f%%", 100.0 * share(label))));
    double seconds = Math.max(elapsed.toNanos(), 1) / 1e9;
    return String.format(
        "sent %d, failed %d, split [%s], %.0f req/s", sent(), failed, split, sent() / seconds);
  }
}
