package dev.kserve4j.autoscaler;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.common.KServeException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Every setting of Knative's pod autoscaler for one revision, with {@code config-autoscaler}'s
 * defaults ({@link #defaults()}) and the InferenceService fields and annotations KServe maps onto
 * them ({@link #fromInferenceService}).
 *
 * @param metric what load is measured in
 * @param target the total value per replica before utilization ({@code target} annotation, KServe's
 *     {@code scaleTarget}; default 100 for concurrency, 200 for rps; capped by {@code
 *     containerConcurrency} when that is set)
 * @param targetUtilization the share of {@code target} aimed at, 0.01..1 (default 0.70)
 * @param stableWindow the window the stable average is taken over, 6 s..1 h (default 60 s)
 * @param panicWindowPercentage the panic window as a percentage of the stable one, 1..100 (10)
 * @param panicThresholdPercentage the load, in percent of what the ready replicas take, that starts
 *     panic mode, 110..1000 (200)
 * @param maxScaleUpRate the most the replica count may grow in one decision, as a factor (1000)
 * @param maxScaleDownRate the most it may shrink in one decision, as a divisor (2)
 * @param minScale the fewest replicas; 0 allows scale to zero
 * @param maxScale the most replicas; 0 for no limit
 * @param initialScale the replicas a new revision starts with (1)
 * @param scaleToZeroGracePeriod how long the last replica stays once none is wanted (30 s)
 * @param scaleDownDelay how long a lower count must be wanted before it is applied (0)
 * @param enableScaleToZero whether the count may reach zero at all (true)
 * @param containerConcurrency the hard limit of requests per replica; 0 for none
 */
public record KpaSettings(
    ScaleMetric metric,
    double target,
    double targetUtilization,
    Duration stableWindow,
    double panicWindowPercentage,
    double panicThresholdPercentage,
    double maxScaleUpRate,
    double maxScaleDownRate,
    int minScale,
    int maxScale,
    int initialScale,
    Duration scaleToZeroGracePeriod,
    Duration scaleDownDelay,
    boolean enableScaleToZero,
    int containerConcurrency) {

  /** The prefix of Knative's autoscaling annotations. */
  public static final String PREFIX = "autoscaling.knative.dev/";

  static final double CONCURRENCY_TARGET_DEFAULT = 100;
  static final double RPS_TARGET_DEFAULT = 200;
  static final Duration WINDOW_MIN = Duration.ofSeconds(6);
  static final Duration WINDOW_MAX = Duration.ofHours(1);

  public KpaSettings {
    requireNonNull(metric, "metric");
    requireNonNull(stableWindow, "stableWindow");
    requireNonNull(scaleToZeroGracePeriod, "scaleToZeroGracePeriod");
    requireNonNull(scaleDownDelay, "scaleDownDelay");
  }

  /**
   * Knative's {@code config-autoscaler} defaults, with scale to zero allowed ({@code minScale} 0).
   */
  public static KpaSettings defaults() {
    return new KpaSettings(
        ScaleMetric.CONCURRENCY,
        CONCURRENCY_TARGET_DEFAULT,
        0.70,
        Duration.ofSeconds(60),
        10,
        200,
        1000,
        2,
        0,
        0,
        1,
        Duration.ofSeconds(30),
        Duration.ZERO,
        true,
        0);
  }

  /**
   * The settings of one InferenceService component as KServe hands them to Knative: {@code
   * min-scale} from {@code minReplicas} (unset: 1; 0 allows scale to zero), {@code max-scale} from
   * {@code maxReplicas} (unset or 0: no limit), {@code target} from {@code scaleTarget} and {@code
   * metric} from {@code scaleMetric} when set, {@code containerConcurrency}; then the component's
   * {@code autoscaling.knative.dev/*} annotations, which win, as Knative reads them.
   *
   * @param field the component's path in the spec, e.g. {@code spec.predictor}, named in errors
   * @throws KServeException invalid input naming the field or annotation, for what KServe's or
   *     Knative's webhook refuses
   */
  public static KpaSettings fromInferenceService(
      String field,
      Integer minReplicas,
      Integer maxReplicas,
      Integer scaleTarget,
      String scaleMetric,
      Integer containerConcurrency,
      Map<String, String> annotations) {
    Map<String, String> a = annotations == null ? Map.of() : annotations;
    KpaSettings d = defaults();
    int min = minReplicas == null ? 1 : minReplicas;
    if (min < 0) {
      throw refuse(field + ".minReplicas", min, "'MinReplicas' cannot be less than 0");
    }
    int max = maxReplicas == null ? 0 : maxReplicas;
    if (max < 0) {
      throw refuse(field + ".maxReplicas", max, "'MaxReplicas' cannot be less than 0");
    }
    int cc = containerConcurrency == null ? 0 : containerConcurrency;
    if (cc < 0) {
      throw refuse(field + ".containerConcurrency", cc, "expected 0 (no limit) or more requests");
    }
    ScaleMetric metric =
        scaleMetric == null
            ? ScaleMetric.CONCURRENCY
            : ScaleMetric.parse(field + ".scaleMetric", scaleMetric);
    String metricAnnotation = a.get(PREFIX + "metric");
    if (metricAnnotation != null) {
      metric = ScaleMetric.parse("metadata.annotations." + PREFIX + "metric", metricAnnotation);
    }
    double target = metric == ScaleMetric.RPS ? RPS_TARGET_DEFAULT : CONCURRENCY_TARGET_DEFAULT;
    if (scaleTarget != null) {
      if (scaleTarget < 1) {
        throw refuse(
            field + ".scaleTarget", scaleTarget, "the target should be at least 1 (per replica)");
      }
      target = scaleTarget;
    }
    String targetAnnotation = a.get(PREFIX + "target");
    if (targetAnnotation != null) {
      target = number(targetAnnotation, "target");
      if (target < 0.01) {
        throw refuse(
            annotation("target"),
            targetAnnotation,
            "target " + targetAnnotation + " should be at least 0.01");
      }
    }
    double utilization = d.targetUtilization();
    String util = a.get(PREFIX + "target-utilization-percentage");
    if (util != null) {
      double pct = number(util, "target-utilization-percentage");
      if (pct < 1 || pct > 100) {
        throw refuse(
            annotation("target-utilization-percentage"), util, "expected 1 <= value <= 100");
      }
      utilization = pct / 100;
    }
    Duration window = d.stableWindow();
    String w = a.get(PREFIX + "window");
    if (w != null) {
      window = duration(w, "window");
      if (window.compareTo(WINDOW_MIN) < 0 || window.compareTo(WINDOW_MAX) > 0) {
        throw refuse(annotation("window"), w, "expected 6s <= value <= 1h0m0s");
      }
      if (window.toMillis() % 1000 != 0) {
        throw refuse(annotation("window"), w, "expected a whole number of seconds");
      }
    }
    double panicWindow = bounded(a, "panic-window-percentage", d.panicWindowPercentage(), 1, 100);
    double panicThreshold =
        bounded(a, "panic-threshold-percentage", d.panicThresholdPercentage(), 110, 1000);
    String minA = a.get(PREFIX + "min-scale");
    if (minA != null) {
      min = whole(minA, "min-scale");
    }
    String maxA = a.get(PREFIX + "max-scale");
    if (maxA != null) {
      max = whole(maxA, "max-scale");
    }
    if (max > 0 && min > max) {
      throw minReplicas != null && minA == null && maxA == null
          ? refuse(field + ".minReplicas", min, "'MinReplicas' cannot be greater than MaxReplicas")
          : refuse(
              annotation("min-scale"),
              min,
              "min-scale=" + min + " is greater than max-scale=" + max);
    }
    int initial = d.initialScale();
    String initialA = a.get(PREFIX + "initial-scale");
    if (initialA != null) {
      initial = whole(initialA, "initial-scale");
    }
    Duration delay = Duration.ZERO;
    String delayA = a.get(PREFIX + "scale-down-delay");
    if (delayA != null) {
      delay = duration(delayA, "scale-down-delay");
      if (delay.compareTo(WINDOW_MAX) > 0) {
        throw refuse(annotation("scale-down-delay"), delayA, "expected 0s <= value <= 1h0m0s");
      }
    }
    if (cc > 0 && target > cc) {
      target = cc; // Knative: the target never exceeds the hard limit
    }
    return new KpaSettings(
        metric,
        target,
        utilization,
        window,
        panicWindow,
        panicThreshold,
        d.maxScaleUpRate(),
        d.maxScaleDownRate(),
        min,
        max,
        initial,
        d.scaleToZeroGracePeriod(),
        delay,
        d.enableScaleToZero(),
        cc);
  }

  /** The load one replica is sized for: {@code max(0.01, target × utilization)}. */
  public double targetPerReplica() {
    return Math.max(0.01, target * targetUtilization);
  }

  /** The panic window: the stable window × the percentage, rounded to a second, at least 1 s. */
  public Duration panicWindow() {
    long seconds = Math.round(stableWindow.toMillis() * panicWindowPercentage / 100 / 1000.0);
    return Duration.ofSeconds(Math.max(1, seconds));
  }

  public KpaSettings withScaleToZeroGracePeriod(Duration grace) {
    return new KpaSettings(
        metric,
        target,
        targetUtilization,
        stableWindow,
        panicWindowPercentage,
        panicThresholdPercentage,
        maxScaleUpRate,
        maxScaleDownRate,
        minScale,
        maxScale,
        initialScale,
        requireNonNull(grace, "grace"),
        scaleDownDelay,
        enableScaleToZero,
        containerConcurrency);
  }

  /** These settings with other scale bounds and rates (tests, Knative's test tables). */
  public KpaSettings withScale(int min, int max, double upRate, double downRate) {
    return new KpaSettings(
        metric,
        target,
        targetUtilization,
        stableWindow,
        panicWindowPercentage,
        panicThresholdPercentage,
        upRate,
        downRate,
        min,
        max,
        initialScale,
        scaleToZeroGracePeriod,
        scaleDownDelay,
        enableScaleToZero,
        containerConcurrency);
  }

  /** These settings with another target, utilization and stable window. */
  public KpaSettings withTarget(double newTarget, double utilization, Duration window) {
    return new KpaSettings(
        metric,
        newTarget,
        utilization,
        window,
        panicWindowPercentage,
        panicThresholdPercentage,
        maxScaleUpRate,
        maxScaleDownRate,
        minScale,
        maxScale,
        initialScale,
        scaleToZeroGracePeriod,
        scaleDownDelay,
        enableScaleToZero,
        containerConcurrency);
  }

  /** These settings with a scale-down delay. */
  public KpaSettings withScaleDownDelay(Duration delay) {
    return new KpaSettings(
        metric,
        target,
        targetUtilization,
        stableWindow,
        panicWindowPercentage,
        panicThresholdPercentage,
        maxScaleUpRate,
        maxScaleDownRate,
        minScale,
        maxScale,
        initialScale,
        scaleToZeroGracePeriod,
        requireNonNull(delay, "delay"),
        enableScaleToZero,
        containerConcurrency);
  }

  private static String annotation(String key) {
    return "metadata.annotations." + PREFIX + key;
  }

  static KServeException refuse(String field, Object value, String expected) {
    return KServeException.invalidInput(
        field + ": " + quoted(value) + " is invalid (" + expected + ")");
  }

  private static String quoted(Object value) {
    return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
  }

  private static double bounded(
      Map<String, String> a, String key, double fallback, double low, double high) {
    String v = a.get(PREFIX + key);
    if (v == null) {
      return fallback;
    }
    double n = number(v, key);
    if (n < low || n > high) {
      throw refuse(annotation(key), v, "expected " + fmt(low) + " <= value <= " + fmt(high));
    }
    return n;
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  private static double number(String v, String key) {
    return parse(v, key, Double::parseDouble, "a number");
  }

  private static int whole(String v, String key) {
    int n = parse(v, key, Integer::parseInt, "a whole number");
    if (n < 0) {
      throw refuse(annotation(key), v, "expected 0 <= value");
    }
    return n;
  }

  /** Go's duration syntax as Knative reads it: {@code 90s}, {@code 1m30s}, {@code 1h}. */
  private static Duration duration(String v, String key) {
    String s = v.trim().toLowerCase(Locale.ROOT);
    if (!s.matches("(\\d+(\\.\\d+)?(h|m|s|ms))+")) {
      throw refuse(annotation(key), v, "expected a duration such as 60s, 1m30s or 1h");
    }
    Duration total = Duration.ZERO;
    var m = java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)(h|ms|m|s)").matcher(s);
    while (m.find()) {
      double n = Double.parseDouble(m.group(1));
      long millis =
          switch (m.group(2)) {
            case "h" -> Math.round(n * 3_600_000);
            case "m" -> Math.round(n * 60_000);
            case "s" -> Math.round(n * 1000);
            default -> Math.round(n);
          };
      total = total.plusMillis(millis);
    }
    return total;
  }

  private static <T> T parse(String v, String key, Function<String, T> parser, String what) {
    try {
      return parser.apply(v.trim());
    } catch (NumberFormatException e) {
      throw refuse(annotation(key), v, "expected " + what);
    }
  }
}
