package dev.kserve4j.runtime.python;

import dev.kserve4j.runtime.ModelFileFinder;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The model formats served by Python workers, with the files that mark them and the modules the
 * interpreter must provide.
 */
public enum PythonFormat {
  /** scikit-learn estimators saved with joblib or pickle, as KServe's sklearnserver loads them. */
  SKLEARN(
      "sklearn",
      ModelFileFinder.withExtensions(".joblib", ".pkl", ".pickle"),
      List.of("numpy", "sklearn", "joblib"),
      List.of("pandas")),
  /** A model.py with a KServe-style Model class (docs/PYTHON-MODELS.md). */
  CUSTOM("python", ModelFileFinder.named("model.py"), List.of("numpy"), List.of());

  private final String format;
  private final ModelFileFinder files;
  private final List<String> required;
  private final List<String> optional;

  /**
   * @param files the model file: for sklearn the one file with an ending sklearnserver accepts (its
   *     MODEL_EXTENSIONS); for custom models {@code model.py}
   */
  PythonFormat(String format, ModelFileFinder files, List<String> required, List<String> optional) {
    this.format = format;
    this.files = files;
    this.required = required;
    this.optional = optional;
  }

  /** The KServe {@code modelFormat.name}. */
  public String format() {
    return format;
  }

  /** How the model file of a directory is found. */
  public ModelFileFinder files() {
    return files;
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
    return this == CUSTOM ? files.find(directory) : Optional.empty();
  }
}
