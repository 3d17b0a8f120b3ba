package dev.kserve4j.runtime.onnx;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.runtime.ModelLoadException;
import dev.kserve4j.runtime.ModelRuntimeProvider;
import dev.kserve4j.runtime.ModelSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

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
    return Files.isRegularFile(directory.resolve(DEFAULT_FILE))
        || onnxFiles(directory).size() == 1;
  }

  @Override
  public OnnxModel load(ModelSpec spec) {
    requireNonNull(spec, "spec");
    return OnnxModel.load(spec, modelFile(spec), platform());
  }

  private static Path modelFile(ModelSpec spec) {
    Path dir = spec.directory();
    Path preferred = dir.resolve(DEFAULT_FILE);
    if (Files.isRegularFile(preferred)) {
      return preferred;
    }
    if (!Files.isDirectory(dir)) {
      throw ModelLoadException.of(spec.name(), dir, "not a directory", null);
    }
    List<Path> candidates = onnxFiles(dir);
    if (candidates.size() != 1) {
      throw ModelLoadException.of(spec.name(), dir,
          "found " + candidates.size() + " .onnx files " + candidates.stream()
              .map(p -> p.getFileName().toString()).toList()
              + " (expected " + DEFAULT_FILE + " or exactly one *.onnx file)", null);
    }
    return candidates.get(0);
  }

  private static List<Path> onnxFiles(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".onnx") && Files.isRegularFile(p))
          .sorted()
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }
}
