package dev.kserve4j.runtime.xgboost;

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
 * Finds the XGBoost booster file of a model directory.
 *
 * <p>KServe's xgbserver loads the one file ending in {@code .bst}, {@code .json} or {@code .ubj}.
 * Here a file named {@code model.bst}, {@code model.json} or {@code model.ubj} wins when exactly
 * one exists; otherwise the directory must hold exactly one such file whose content looks like an
 * XGBoost model, so that e.g. a LightGBM text model named {@code model.bst} or a stray JSON file is
 * not mistaken for a booster.
 */
final class BoosterFiles {
  static final List<String> EXTENSIONS = List.of(".bst", ".json", ".ubj");
  private static final List<String> NAMED = List.of("model.bst", "model.json", "model.ubj");
  private static final int SNIFF_BYTES = 64;

  private BoosterFiles() {}

  /** The booster file of {@code directory}, or empty when there is none or it is ambiguous. */
  static Optional<Path> find(Path directory) {
    List<Path> candidates = candidates(directory);
    List<Path> named =
        candidates.stream().filter(p -> NAMED.contains(p.getFileName().toString())).toList();
    if (named.size() == 1) {
      return Optional.of(named.get(0));
    }
    return candidates.size() == 1 ? Optional.of(candidates.get(0)) : Optional.empty();
  }

  /** Files of {@code directory} with a booster extension whose first bytes look like XGBoost. */
  static List<Path> candidates(Path directory) {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files
          .filter(Files::isRegularFile)
          .filter(p -> EXTENSIONS.stream().anyMatch(lowerName(p)::endsWith))
          .filter(BoosterFiles::looksLikeXGBoost)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + directory, e);
    }
  }

  /**
   * JSON and UBJSON models are objects whose first key is {@code learner}; legacy binary models
   * start with the {@code binf} magic (XGBoost 1.0+) or with raw parameters (older), which is why
   * any {@code .bst} that is not LightGBM text (first line {@code tree}) is accepted.
   */
  static boolean looksLikeXGBoost(Path file) {
    byte[] head = new byte[SNIFF_BYTES];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, SNIFF_BYTES);
    } catch (IOException e) {
      return false;
    }
    String text = new String(head, 0, n, StandardCharsets.ISO_8859_1);
    boolean document = text.stripLeading().startsWith("{") && text.contains("learner");
    if (lowerName(file).endsWith(".bst")) {
      return document || text.startsWith("binf") || (n >= 4 && !text.startsWith("tree"));
    }
    return document;
  }

  private static String lowerName(Path p) {
    return p.getFileName().toString().toLowerCase(Locale.ROOT);
  }
}
