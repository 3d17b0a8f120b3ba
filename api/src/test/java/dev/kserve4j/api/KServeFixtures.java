package dev.kserve4j.api;

import dev.kserve4j.common.testing.Required;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where KServe's own CRDs and default runtimes are ({@code ../shared/fixtures/kserve-config}). */
final class KServeFixtures {
  private KServeFixtures() {}

  static Path repoRoot() {
    return Path.of(System.getProperty("kserve4j.repoRoot", "..")).toAbsolutePath().normalize();
  }

  /** The fixture folder; the calling test is skipped, saying why, where it is absent. */
  static Path kserveConfig() {
    Path dir = repoRoot().resolveSibling("shared").resolve("fixtures").resolve("kserve-config");
    Required.that(Files.isDirectory(dir), "KServe's config fixtures are absent: " + dir);
    return dir;
  }
}
