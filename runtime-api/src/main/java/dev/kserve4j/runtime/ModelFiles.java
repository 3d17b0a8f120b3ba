package dev.kserve4j.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finding a runtime's model file in a model directory the way KServe's and Triton's runtimes
 * name them: a preferred name (e.g. {@code model.onnx}), else the one file with the format's
 * extension.
 */
public final class ModelFiles {
  private ModelFiles() {}

  /** The regular files in {@code dir} whose names end in {@code extension}, sorted; empty when none. */
  public static List<Path> withExtension(Path dir, String extension) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(extension) && Files.isRegularFile(p))
          .sorted()
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  /** Whether {@code dir} holds {@code preferred} or exactly one {@code *extension} file. */
  public static boolean hasModelFile(Path dir, String preferred, String extension) {
    return Files.isRegularFile(dir.resolve(preferred)) || withExtension(dir, extension).size() == 1;
  }

  /**
   * {@code preferred} in the model's directory, else its one {@code *extension} file.
   *
   * @throws ModelLoadException naming the directory and what it holds otherwise
   */
  public static Path modelFile(ModelSpec spec, String preferred, String extension) {
    Path dir = spec.directory();
    Path file = dir.resolve(preferred);
    if (Files.isRegularFile(file)) {
      return file;
    }
    if (!Files.isDirectory(dir)) {
      throw ModelLoadException.of(spec.name(), dir, "not a directory", null);
    }
    List<Path> candidates = withExtension(dir, extension);
    if (candidates.size() != 1) {
      throw ModelLoadException.of(spec.name(), dir,
          "found " + candidates.size() + " " + extension + " files " + candidates.stream()
              .map(p -> p.getFileName().toString()).toList()
              + " (expected " + preferred + " or exactly one *" + extension + " file)", null);
    }
    return candidates.get(0);
  }
}
