package dev.kserve4j.runtime.xgboost;

import dev.kserve4j.common.testing.Required;
import dev.kserve4j.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;

/** KServe's own example models, shared next to the repository (see their README). */
final class KServeExamples {
  private KServeExamples() {}

  /** The examples folder; skips the calling test when it is absent. */
  static Path root() {
    Path root = TestModels.repoRoot().resolve("../shared/fixtures/kserve-examples").normalize();
    Required.that(
        Files.isDirectory(root),
        "KServe's example models are not at "
            + root
            + " (they are shared next to the repository,"
            + " not part of it)");
    return root;
  }
}
