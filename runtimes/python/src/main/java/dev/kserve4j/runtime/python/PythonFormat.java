package dev.kserve4j.runtime.python;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The model formats served by Python workers, with the files that mark them and the modules the
 * interpreter must provide.
 */
public enum PythonFormat {
  /** scikit-learn estimators saved with joblib or pickle, as KServe's sklearnserver loads them. */
  SKLEARN("sklearn", List.of("numpy", "sklearn", "joblib"), List.of("pandas")),
  /** A model.py with a KServe-style Model class (docs/PYTHON-MODELS.md). */
  CUSTOM("python", List.of("numpy"), List.of());

  /** File endings sklearnserver accepts (its MODEL_EXTENSIONS). */
  static final List<String> SKLEARN_EXTENSIONS = List.of(".joblib", ".pkl", ".pickle");
  static final String MODEL_PY = "model.py";

  private final String format;
  private final List<String> required;
  private final List<String> optional;

  PythonFormat(String format, List<String> required, List<String> optional) {
    this.format = format;
    this.required = required;
    this.optional = optional;
  }

  /** The KServe {@code modelFormat.name}. */
  public String format() {
    return format;
  }

  /** Modules without which no model of this format loads. */
  public List<String> requiredModules() {
    return required;
  }

  /** Modules some models of this format need (pandas for several named inputs). */
  public List<String> optionalModules() {
    return optional;
  }

  /** The model.py a custom model's directory holds, if this format has one. */
  Optional<Path> modelScript(Path directory) {
    return this == CUSTOM ? Optional.of(directory.resolve(MODEL_PY)) : Optional.empty();
  }

  /** Whether {@code directory} holds this format's files. */
  public boolean matches(Path directory) {
    if (this == CUSTOM) {
      return Files.isRegularFile(directory.resolve(MODEL_PY));
    }
    return sklearnFiles(directory).size() == 1;
  }

  /** The files in {@code directory} whose names end in a scikit-learn extension. */
  static List<Path> sklearnFiles(Path directory) {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(Files::isRegularFile)
          .filter(p -> SKLEARN_EXTENSIONS.stream().anyMatch(p.getFileName().toString()::endsWith))
          .sorted()
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }
}
