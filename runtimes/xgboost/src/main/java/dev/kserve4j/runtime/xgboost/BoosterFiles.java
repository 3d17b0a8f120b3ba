package dev.kserve4j.runtime.xgboost;

import dev.kserve4j.runtime.ModelFileFinder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How the XGBoost booster file of a model directory is found.
 *
 * <p>KServe's xgbserver loads the one file ending in {@code .bst}, {@code .json} or {@code .ubj}.
 * Here a file named {@code model.bst}, {@code model.json} or {@code model.ubj} wins when exactly
 * one exists; otherwise the directory must hold exactly one such file. In both cases the content
 * must look like an XGBoost model, so that e.g. a LightGBM text model named {@code model.bst} or a
 * stray JSON file is not mistaken for a booster.
 */
final class BoosterFiles {
  static final ModelFileFinder FINDER =
      ModelFileFinder.withExtensions(".bst", ".json", ".ubj")
          .whereContent("holding an XGBoost model", BoosterFiles::looksLikeXGBoost)
          .preferring("model.bst", "model.json", "model.ubj");
  private static final int SNIFF_BYTES = 64;

  private BoosterFiles() {}

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
