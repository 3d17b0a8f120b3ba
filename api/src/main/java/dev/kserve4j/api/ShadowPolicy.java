package dev.kserve4j.api;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Shadow traffic of an InferenceService with a canary, from its annotations: {@value
 * #PERCENT_ANNOTATION} (a number from 0 to 100, at most {@value #MAX_DECIMALS} decimals) mirrors
 * that share of the requests the stable revision answers to the candidate revision as well; the
 * candidate's answers are compared with the stable ones, numbers within {@value
 * #TOLERANCE_ANNOTATION} (a relative tolerance, default 1e-6), and never reach the client.
 *
 * <p>Read by the admission checks (a bad value is denied), by the operator (which renders the
 * mirror into the route) and by the embedded host.
 *
 * @param percent the share mirrored, 0 to 100, as written
 * @param tolerance the relative tolerance of numeric outputs, at least 0
 */
public record ShadowPolicy(BigDecimal percent, double tolerance) {
  /** The annotation holding the mirrored share of requests, in percent. */
  public static final String PERCENT_ANNOTATION = "serving.kserve4j.dev/shadow-percent";

  /** The annotation holding the relative tolerance of numeric outputs. */
  public static final String TOLERANCE_ANNOTATION = "serving.kserve4j.dev/shadow-tolerance";

  /** The tolerance when {@link #TOLERANCE_ANNOTATION} is absent. */
  public static final double DEFAULT_TOLERANCE = 1e-6;

  /** The most decimals {@link #PERCENT_ANNOTATION} may have. */
  public static final int MAX_DECIMALS = 4;

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
  private static final Pattern PERCENT = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,4})?");
  private static final Pattern NUMBER =
      Pattern.compile("([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?");

  public ShadowPolicy {
    requireNonNull(percent, "percent");
    if (percent.signum() < 0 || percent.compareTo(HUNDRED) > 0) {
      throw new IllegalArgumentException("percent " + percent + " (expected 0 to 100)");
    }
    if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
      throw new IllegalArgumentException(
          "tolerance " + tolerance + " (expected a finite number of at least 0)");
    }
  }

  /**
   * The policy the annotations ask for: empty without {@link #PERCENT_ANNOTATION}. Throws {@link
   * IllegalArgumentException} naming the annotation, its value and what is expected when a value is
   * bad ({@link #problems} lists them all).
   */
  public static Optional<ShadowPolicy> of(Map<String, String> annotations) {
    List<String> problems = problems(annotations);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    if (annotations == null || !annotations.containsKey(PERCENT_ANNOTATION)) {
      return Optional.empty();
    }
    String tolerance = annotations.get(TOLERANCE_ANNOTATION);
    return Optional.of(
        new ShadowPolicy(
            new BigDecimal(annotations.get(PERCENT_ANNOTATION).strip()),
            tolerance == null ? DEFAULT_TOLERANCE : Double.parseDouble(tolerance.strip())));
  }

  /** What is wrong with the shadow annotations, one message each; empty when they are fine. */
  public static List<String> problems(Map<String, String> annotations) {
    List<String> problems = new ArrayList<>();
    if (annotations == null) {
      return problems;
    }
    String percent = annotations.get(PERCENT_ANNOTATION);
    if (percent != null && !validPercent(percent.strip())) {
      problems.add(
          "annotation "
              + PERCENT_ANNOTATION
              + " is \""
              + percent
              + "\" (expected a number from 0 to 100 with at most "
              + MAX_DECIMALS
              + " decimals, e.g. \"10\" or \"0.5\")");
    }
    String tolerance = annotations.get(TOLERANCE_ANNOTATION);
    if (tolerance != null && !validTolerance(tolerance.strip())) {
      problems.add(
          "annotation "
              + TOLERANCE_ANNOTATION
              + " is \""
              + tolerance
              + "\" (expected a finite number of at least 0, e.g. \"1e-6\" or \"0.001\")");
    }
    return problems;
  }

  private static boolean validPercent(String value) {
    return PERCENT.matcher(value).matches() && new BigDecimal(value).compareTo(HUNDRED) <= 0;
  }

  private static boolean validTolerance(String value) {
    return NUMBER.matcher(value).matches() && Double.isFinite(Double.parseDouble(value));
  }

  /** The share mirrored as a double, 0 to 100. */
  public double percentValue() {
    return percent.doubleValue();
  }

  /** Whether nothing is mirrored. */
  public boolean off() {
    return percent.signum() == 0;
  }

  /** Whether the share is a whole number of percent (Gateway API's {@code percent}). */
  public boolean wholePercent() {
    return percent.stripTrailingZeros().scale() <= 0;
  }

  /**
   * The share as a fraction {@code numerator / denominator} with the smallest power-of-ten
   * denominator of at least 100 (Gateway API's {@code fraction}): 0.5 % is {@code [5, 1000]}.
   */
  public long[] fraction() {
    int scale = Math.max(0, percent.stripTrailingZeros().scale());
    BigDecimal tens = BigDecimal.TEN.pow(scale);
    return new long[] {
      percent.multiply(tens).longValueExact(), HUNDRED.multiply(tens).longValueExact()
    };
  }
}
