package dev.kserve4j.runtime.onnx;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.runtime.ModelFiles;
import dev.kserve4j.runtime.ModelRuntimeProvider;
import dev.kserve4j.runtime.ModelSpec;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code onnx} model format, served by ONNX Runtime. A model directory holds {@code
 * model.onnx} (the file name KServe's and Triton's ONNX runtimes use) or exactly one other {@code
 * *.onnx} file; external-data files next to it are found by ONNX Runtime.
 *
 * <p>Options: see {@link OnnxSessionConfig} ({@code intraOpThreads}, {@code device}).
 */
public final class OnnxRuntimeProvider implements ModelRuntimeProvider {
  static final String DEFAULT_FILE = "model.onnx";

  @Override
  public String format() {
    return "onnx";
  }

  @Override
  public String platform() {
    return "onnxruntime_onnx";
  }

  @Override
  public boolean canLoad(Path directory) {
    return ModelFiles.hasModelFile(directory, DEFAULT_FILE, ".onnx");
  }

  @Override
  public OnnxModel load(ModelSpec spec) {
    requireNonNull(spec, "spec");
    return OnnxModel.load(spec, modelFile(spec), platform());
  }

  private static Path modelFile(ModelSpec spec) {
    return ModelFiles.modelFile(spec, DEFAULT_FILE, ".onnx");
  }
}
