package dev.kserve4j.api.validation;

import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code autoscaling.knative.dev/*} annotations Knative's webhook refuses, checked at admission
 * so that a Knative-mode InferenceService fails with the annotation named instead of when its
 * Knative Service is written. The ranges and wording follow Knative Serving's {@code
 * annotation_validation.go}: min-scale and max-scale whole numbers {@code >= 0} with max-scale
 * (when not 0) at least min-scale; metric concurrency or rps under the KPA class (the default), any
 * non-empty metric under the HPA class; target at least 0.01; target-utilization-percentage 1 to
 * 100; window a duration of 6s to 1h in whole seconds; panic-window-percentage 1 to 100;
 * panic-threshold-percentage 110 to 1000; initial-scale a whole number {@code >= 0}.
 */
final class KnativeAnnotations {
  static final String PREFIX = "autoscaling.knative.dev/";
  static final String CLASS = PREFIX + "class";
  static final String MIN_SCALE = PREFIX + "min-scale";
  static final String MAX_SCALE = PREFIX + "max-scale";
  static final String METRIC = PREFIX + "metric";
  static final String TARGET = PREFIX + "target";
  static final String TARGET_UTILIZATION = PREFIX + "target-utilization-percentage";
  static final String WINDOW = PREFIX + "window";
  static final String PANIC_WINDOW = PREFIX + "panic-window-percentage";
  static final String PANIC_THRESHOLD = PREFIX + "panic-threshold-percentage";
  static final String INITIAL_SCALE = PREFIX + "initial-scale";
  static final String KPA = "kpa.autoscaling.knative.dev";
  static final String HPA = "hpa.autoscaling.knative.dev";

  private static final BigDecimal TARGET_MIN = new BigDecimal("0.01");
  private static final long WINDOW_MIN_NANOS = 6_000_000_000L;
  private static final long WINDOW_MAX_NANOS = 3_600_000_000_000L;
  private static final long SECOND_NANOS = 1_000_000_000L;
  private static final Pattern DURATION_PART =
      Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)");

  private KnativeAnnotations() {}

  /**
   * Adds a problem per refused annotation of {@code annotations}, at {@code path[KEY]} ({@code
   * path} being e.g. {@code metadata.annotations}).
   */
  static void validate(Map<String, String> annotations, String path, ValidationResult.Builder out) {
    if (annotations == null || annotations.isEmpty()) {
      return;
    }
    Long min = wholeAtLeastZero(annotations, MIN_SCALE, path, out);
    Long max = wholeAtLeastZero(annotations, MAX_SCALE, path, out);
    if (min != null && max != null && max != 0 && max < min) {
      add(
          out,
          at(path, MAX_SCALE),
          annotations.get(MAX_SCALE),
          "max-scale=" + max + " is less than min-scale=" + min);
    }
    percentage(annotations, PANIC_WINDOW, "1", "100", path, out);
    percentage(annotations, PANIC_THRESHOLD, "110", "1000", path, out);
    percentage(annotations, TARGET_UTILIZATION, "1", "100", path, out);
    String target = annotations.get(TARGET);
    if (target != null) {
      BigDecimal v = decimal(target);
      if (v == null) {
        add(out, at(path, TARGET), target, "invalid value: " + target);
      } else if (v.compareTo(TARGET_MIN) < 0) {
        add(out, at(path, TARGET), target, "target " + target + " should be at least 0.01");
      }
    }
    window(annotations, path, out);
    metric(annotations, path, out);
    String initial = annotations.get(INITIAL_SCALE);
    if (initial != null) {
      Long v = whole(initial);
      if (v == null) {
        add(out, at(path, INITIAL_SCALE), initial, "invalid value: " + initial);
      } else if (v < 0) {
        add(
            out,
            at(path, INITIAL_SCALE),
            initial,
            "invalid value: " + initial + ": " + INITIAL_SCALE + " must be greater than 0");
      }
    }
  }

  private static String at(String path, String key) {
    return path + "[" + key + "]";
  }

  private static Long wholeAtLeastZero(
      Map<String, String> m, String key, String path, ValidationResult.Builder out) {
    String value = m.get(key);
    if (value == null) {
      return 0L;
    }
    Long v = whole(value);
    if (v == null) {
      add(out, at(path, key), value, "invalid value: " + value);
      return null;
    }
    if (v < 0 || v > Integer.MAX_VALUE) {
      add(out, at(path, key), value, "expected 0 <= " + value + " <= " + Integer.MAX_VALUE);
      return null;
    }
    return v;
  }

  private static void percentage(
      Map<String, String> m,
      String key,
      String low,
      String high,
      String path,
      ValidationResult.Builder out) {
    String value = m.get(key);
    if (value == null) {
      return;
    }
    BigDecimal v = decimal(value);
    if (v == null) {
      add(out, at(path, key), value, "invalid value: " + value);
    } else if (v.compareTo(new BigDecimal(low)) < 0 || v.compareTo(new BigDecimal(high)) > 0) {
      add(out, at(path, key), value, "expected " + low + " <= " + value + " <= " + high);
    }
  }

  private static void window(Map<String, String> m, String path, ValidationResult.Builder out) {
    String value = m.get(WINDOW);
    if (value == null) {
      return;
    }
    Long nanos = durationNanos(value);
    if (nanos == null) {
      add(out, at(path, WINDOW), value, "invalid value: " + value);
    } else if (nanos < WINDOW_MIN_NANOS || nanos > WINDOW_MAX_NANOS) {
      add(out, at(path, WINDOW), value, "expected 6s <= " + value + " <= 1h0m0s");
    } else if (nanos % SECOND_NANOS != 0) {
      add(out, at(path, WINDOW), value, "must be specified with at most second precision");
    }
  }

  private static void metric(Map<String, String> m, String path, ValidationResult.Builder out) {
    String metric = m.get(METRIC);
    if (metric == null) {
      return;
    }
    String cls = m.getOrDefault(CLASS, KPA);
    boolean refused =
        switch (cls) {
          case KPA -> !"concurrency".equals(metric) && !"rps".equals(metric);
          case HPA -> metric.isEmpty();
          default -> false; // other autoscalers define their own metrics
        };
    if (refused) {
      add(
          out,
          at(path, METRIC),
          metric,
          "invalid value: "
              + metric
              + (KPA.equals(cls) ? " (the " + KPA + " class scales on concurrency or rps)" : ""));
    }
  }

  private static Long whole(String s) {
    try {
      return Long.parseLong(s.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static BigDecimal decimal(String s) {
    try {
      return new BigDecimal(s.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** A Go duration ({@code 60s}, {@code 1m30s}, {@code 1.5h}, {@code 0}) in nanoseconds. */
  static Long durationNanos(String s) {
    String d = s.strip();
    boolean negative = d.startsWith("-");
    if (negative || d.startsWith("+")) {
      d = d.substring(1);
    }
    if ("0".equals(d)) {
      return 0L;
    }
    if (d.isEmpty()) {
      return null;
    }
    Matcher part = DURATION_PART.matcher(d);
    BigDecimal total = BigDecimal.ZERO;
    int end = 0;
    while (part.find() && part.start() == end) {
      BigDecimal unit =
          switch (part.group(2)) {
            case "ns" -> BigDecimal.ONE;
            case "us", "µs", "μs" -> BigDecimal.valueOf(1_000L);
            case "ms" -> BigDecimal.valueOf(1_000_000L);
            case "s" -> BigDecimal.valueOf(SECOND_NANOS);
            case "m" -> BigDecimal.valueOf(60 * SECOND_NANOS);
            default -> BigDecimal.valueOf(3600 * SECOND_NANOS);
          };
      total = total.add(new BigDecimal(part.group(1)).multiply(unit));
      end = part.end();
    }
    if (end != d.length()) {
      return null;
    }
    long nanos = total.longValue();
    return negative ? -nanos : nanos;
  }

  /** Adds a refusal whose message ends with the annotation's path, as Knative's errors read. */
  private static void add(
      ValidationResult.Builder out, String field, Object value, String message) {
    out.add(field, value, message + ": " + field);
  }
}
