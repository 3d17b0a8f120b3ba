package dev.kserve4j.runtime.onnx;

import dev.kserve4j.runtime.FileRuntimeProvider;
import dev.kserve4j.runtime.ModelFileFinder;
import dev.kserve4j.runtime.ModelSpec;
import java.nio.file.Path;

/**
 * The {@code onnx} model format, served by ONNX Runtime. A model directory holds {@code model.onnx}
 * (the file name KServe's and Triton's ONNX runtimes use) or exactly one other {@code *.onnx} file;
 * external-data files next to it are found by ONNX Runtime.
 *
 * <p>Options: see {@link OnnxSessionConfig} ({@code intraOpThreads}, {@code device}).
 */
public final class OnnxRuntimeProvider extends FileRuntimeProvider<OnnxModel> {
  static final String DEFAULT_FILE = "model.onnx";

  public OnnxRuntimeProvider() {
    super(
        "onnx",
        "onnxruntime_onnx",
        ModelFileFinder.withExtensions(".onnx").preferring(DEFAULT_FILE));
  }

  @Override
  protected OnnxModel load(ModelSpec spec, Path file) {
    return OnnxModel.load(spec, file, platform());
  }
}
