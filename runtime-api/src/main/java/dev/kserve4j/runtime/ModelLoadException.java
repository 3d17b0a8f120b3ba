package dev.kserve4j.runtime;

import dev.kserve4j.common.ErrorKind;
import dev.kserve4j.common.KServeException;
import java.nio.file.Path;

/** A model could not be loaded; the message names the file and the reason. */
public class ModelLoadException extends KServeException {
  public ModelLoadException(String message, Throwable cause) {
    super(ErrorKind.UNAVAILABLE, message, cause);
  }

  public ModelLoadException(String message) {
    super(ErrorKind.UNAVAILABLE, message);
  }

  public static ModelLoadException of(String model, Path file, String reason, Throwable cause) {
    return new ModelLoadException(
        "model '" + model + "': cannot load " + file + ": " + reason, cause);
  }
}
