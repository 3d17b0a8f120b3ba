package dev.kserve4j.runtime.lightgbm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the LightGBM text model of a model directory: {@code model.txt} or {@code model.bst}
 * (lgbserver's name) when exactly one exists, else the single {@code *.txt} or {@code *.bst}
 * file; in every case the file must start with LightGBM's {@code tree} header line, so XGBoost's
 * binary {@code .bst} files and other text files are not taken for LightGBM models.
 */
final class ModelFiles {
  private static final List<String> NAMED = List.of("model.txt", "model.bst");

  private ModelFiles() {}

  static Optional<Path> find(Path directory) {
    List<Path> candidates = candidates(directory);
    List<Path> named =
        candidates.stream().filter(p -> NAMED.contains(p.getFileName().toString())).toList();
    if (named.size() == 1) {
      return Optional.of(named.get(0));
    }
    return candidates.size() == 1 ? Optional.of(candidates.get(0)) : Optional.empty();
  }

  static List<Path> candidates(Path directory) {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files
          .filter(Files::isRegularFile)
          .filter(p -> {
            String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
            return name.endsWith(".txt") || name.endsWith(".bst");
          })
          .filter(ModelFiles::isLightGbmText)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + directory, e);
    }
  }

  /** LightGBM's text format (GBDT::SaveModelToString) begins with the line {@code tree}. */
  static boolean isLightGbmText(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      String head = new String(in.readNBytes(5), StandardCharsets.US_ASCII);
      return head.equals("tree\n") || head.equals("tree\r");
    } catch (IOException e) {
      return false;
    }
  }
}
