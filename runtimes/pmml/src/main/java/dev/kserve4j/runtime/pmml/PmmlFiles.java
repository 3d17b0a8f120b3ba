package dev.kserve4j.runtime.pmml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the PMML document of a model directory: as KServe's pmmlserver, the one file ending in
 * {@code .pmml} (e.g. {@code model.pmml}); none or several is not loadable.
 */
final class PmmlFiles {
  private PmmlFiles() {}

  static Optional<Path> find(Path directory) {
    List<Path> candidates = candidates(directory);
    return candidates.size() == 1 ? Optional.of(candidates.get(0)) : Optional.empty();
  }

  static List<Path> candidates(Path directory) {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files
          .filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".pmml"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + directory, e);
    }
  }
}
