package dev.kserve4j.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the generated test models under {@code testing/fixtures/models/<name>} of the repository.
 *
 * <p>The repository root comes from the system property {@code kserve4j.repoRoot} (set by the
 * parent POM's surefire and failsafe configuration); without it, the working directory and its
 * parents are searched, so tests also run from an IDE.
 */
public final class TestModels {
  /** The system property naming the repository root. */
  public static final String REPO_ROOT_PROPERTY = "kserve4j.repoRoot";

  private static final Path MODELS = Path.of("testing", "fixtures", "models");

  private TestModels() {}

  /** The directory of the test model {@code name}; fails naming where it looked if it is absent. */
  public static Path directory(String name) {
    Path dir = repoRoot().resolve(MODELS).resolve(name);
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException(
          "test model '"
              + name
              + "' not found at "
              + dir
              + " (expected a directory written by the generators in testing/fixtures)");
    }
    return dir;
  }

  /** A file inside the test model {@code name}'s directory, e.g. {@code expected.json}. */
  public static Path file(String name, String fileName) {
    return directory(name).resolve(fileName);
  }

  /** The repository root: the system property if set, else the nearest ancestor holding models. */
  public static Path repoRoot() {
    String configured = System.getProperty(REPO_ROOT_PROPERTY);
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured).toAbsolutePath();
    }
    Path start = Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve(MODELS))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "cannot find the repository root: system property "
            + REPO_ROOT_PROPERTY
            + " is unset and no ancestor of "
            + start
            + " contains "
            + MODELS);
  }
}
