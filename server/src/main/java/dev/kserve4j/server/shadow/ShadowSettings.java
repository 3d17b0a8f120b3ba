package dev.kserve4j.server.shadow;

/**
 * How much a {@link ShadowMirror} mirrors and how it compares.
 *
 * @param percent the share of the stable revision's successful requests mirrored, 0 to 100
 * @param tolerance the relative difference under which two numbers are the same output ({@code |a -
 *     b| <= tolerance * max(|a|, |b|)}), at least 0
 * @param maxInFlight how many mirrored requests may wait for the candidate at once; a request
 *     sampled beyond that is dropped and counted, at least 1
 */
public record ShadowSettings(double percent, double tolerance, int maxInFlight) {
  /** The tolerance when none is given: 1e-6 relative. */
  public static final double DEFAULT_TOLERANCE = 1e-6;

  /** The in-flight bound when none is given. */
  public static final int DEFAULT_MAX_IN_FLIGHT = 64;

  public ShadowSettings {
    if (!(percent >= 0 && percent <= 100)) {
      throw new IllegalArgumentException(
          "shadow percent " + percent + " (expected a number from 0 to 100)");
    }
    if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
      throw new IllegalArgumentException(
          "shadow tolerance " + tolerance + " (expected a finite number of at least 0)");
    }
    if (maxInFlight < 1) {
      throw new IllegalArgumentException(
          "shadow maxInFlight " + maxInFlight + " (expected at least 1)");
    }
  }

  /** {@code percent} with the default tolerance and in-flight bound. */
  public static ShadowSettings of(double percent) {
    return new ShadowSettings(percent, DEFAULT_TOLERANCE, DEFAULT_MAX_IN_FLIGHT);
  }
}
