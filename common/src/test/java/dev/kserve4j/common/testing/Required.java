package dev.kserve4j.common.testing;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs from outside the repository (KServe's fixtures in {@code ../shared}, Debian's
 * Python packages): where it is missing the test is skipped, saying why, on a developer's machine,
 * and fails under CI ({@code CI=true}), where {@code .ci/run} installs it, so that nothing is
 * skipped there in silence.
 */
public final class Required {
  private Required() {}

  /** Whether this run is CI's: the environment variable {@code CI} is {@code true}. */
  public static boolean underCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  /**
   * Goes on where {@code present}; else skips the calling test (fails it under CI) with {@code
   * what}, which says what is missing and how to get it.
   */
  public static void that(boolean present, String what) {
    if (present) {
      return;
    }
    if (underCi()) {
      Assertions.fail(what + " (required under CI=true, where .ci/run provides it)");
    }
    Assumptions.abort(what);
  }
}
