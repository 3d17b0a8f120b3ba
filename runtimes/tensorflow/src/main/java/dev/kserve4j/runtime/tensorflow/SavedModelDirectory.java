package dev.kserve4j.runtime.tensorflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where the SavedModel to serve lies inside a model directory.
 *
 * <p>Two layouts are accepted: TensorFlow Serving's, used by KServe's tensorflow predictor, where
 * each numeric subdirectory is a version ({@code <model>/<version>/saved_model.pb} and {@code
 * variables/}) and the highest version is served, as TF Serving's default "latest" version policy
 * does; and a SavedModel directly in the model directory, which wins when present. Subdirectories
 * whose names are not all digits, or that hold no {@code saved_model.pb}, are ignored.
 *
 * @param exportDir the directory holding {@code saved_model.pb}
 * @param version the numeric version directory's name, or empty for a top-level SavedModel
 */
record SavedModelDirectory(Path exportDir, Optional<String> version) {
  static final String GRAPH_FILE = "saved_model.pb";

  /** The SavedModel in {@code modelDir}, or empty when there is none in either layout. */
  static Optional<SavedModelDirectory> find(Path modelDir) {
    if (Files.isRegularFile(modelDir.resolve(GRAPH_FILE))) {
      return Optional.of(new SavedModelDirectory(modelDir, Optional.empty()));
    }
    if (!Files.isDirectory(modelDir)) {
      return Optional.empty();
    }
    try (Stream<Path> children = Files.list(modelDir)) {
      return children
          .filter(SavedModelDirectory::isVersion)
          .max(Comparator.comparing(SavedModelDirectory::versionNumber))
          .map(dir -> new SavedModelDirectory(dir, Optional.of(dir.getFileName().toString())));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static boolean isVersion(Path dir) {
    String name = dir.getFileName().toString();
    return name.matches("\\d{1,18}") && Files.isRegularFile(dir.resolve(GRAPH_FILE));
  }

  private static long versionNumber(Path dir) {
    return Long.parseLong(dir.getFileName().toString());
  }
}
