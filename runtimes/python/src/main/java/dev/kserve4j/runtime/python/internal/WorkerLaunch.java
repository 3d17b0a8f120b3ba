package dev.kserve4j.runtime.python.internal;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;

/**
 * How to start one worker for a model.
 *
 * @param model the served model name, for logs and messages
 * @param python the interpreter
 * @param files the extracted worker sources
 * @param format the worker format argument ({@code sklearn} or {@code python})
 * @param directory the model directory (also the worker's working directory)
 * @param method the scikit-learn method ({@code predict} or {@code predict_proba})
 * @param predictorHost the predictor a transformer or explainer calls ({@code host[:port]}), or
 *     null
 * @param predictorProtocol that predictor's protocol ({@code v1}, {@code v2}, {@code grpc-v2})
 */
public record WorkerLaunch(
    String model,
    String python,
    WorkerFiles files,
    String format,
    Path directory,
    String method,
    String predictorHost,
    String predictorProtocol) {
  public WorkerLaunch {
    requireNonNull(model, "model");
    requireNonNull(python, "python");
    requireNonNull(files, "files");
    requireNonNull(format, "format");
    requireNonNull(directory, "directory");
    requireNonNull(method, "method");
  }

  ProcessBuilder processBuilder() {
    ProcessBuilder builder =
        new ProcessBuilder(
                List.of(
                    python,
                    "-u",
                    files.worker().toString(),
                    format,
                    directory.toAbsolutePath().toString(),
                    model,
                    method,
                    files.shim().toString()))
            .directory(directory.toFile());
    builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
    builder.environment().put("KSERVE4J_MODEL_DIR", directory.toAbsolutePath().toString());
    builder.environment().put("KSERVE4J_MODEL_NAME", model);
    if (predictorHost != null) {
      builder.environment().put("KSERVE4J_PREDICTOR_HOST", predictorHost);
      builder.environment().put("KSERVE4J_PREDICTOR_PROTOCOL", predictorProtocol);
    }
    return builder;
  }
}
