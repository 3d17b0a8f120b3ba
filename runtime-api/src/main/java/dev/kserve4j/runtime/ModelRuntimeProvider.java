package dev.kserve4j.runtime;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A model format's entry point, found through {@link java.util.ServiceLoader}: one per runtime
 * module, listed in {@code META-INF/services/dev.kserve4j.runtime.ModelRuntimeProvider}.
 */
public interface ModelRuntimeProvider {

  /** The KServe {@code modelFormat.name} this runtime serves, e.g. {@code "onnx"}. */
  String format();

  /** The platform reported in model metadata, e.g. {@code "onnxruntime_onnx"}. */
  String platform();

  /** Whether {@code directory} holds files this runtime can load (used when no format is given). */
  boolean canLoad(Path directory);

  /**
   * Loads the model. Fails with {@code ModelLoadException} naming the file and the reason when the
   * files are missing or unreadable.
   */
  Model load(ModelSpec spec);

  /**
   * Writes a small sample model of this format into {@code directory} (created if missing), made
   * here with nothing downloaded, and returns its file; empty where the runtime has none. It lets
   * the command line offer a model to try without knowing any runtime's classes.
   */
  default Optional<Path> writeSample(Path directory) {
    return Optional.empty();
  }
}
