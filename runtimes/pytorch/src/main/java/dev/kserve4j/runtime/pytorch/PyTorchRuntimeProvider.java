package dev.kserve4j.runtime.pytorch;

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
 * The {@code pytorch} model format: TorchScript, served by libtorch through DJL's PyTorch engine. A
 * model directory holds {@code model.pt} (the file name Triton's PyTorch backend and DJL use) or
 * exactly one other {@code *.pt} file, plus optionally {@code metadata.json} naming the tensors
 * (see {@link TorchSignature}).
 *
 * <p>Options: {@code device} ({@link TorchDevice}). Engine settings that libtorch holds per
 * process, and the guarantee that nothing is downloaded, are in {@link TorchEngineLoader}.
 */
public final class PyTorchRuntimeProvider implements ModelRuntimeProvider {
  static final String DEFAULT_FILE = "model.pt";

  private final TorchEngineLoader engine;

  public PyTorchRuntimeProvider() {
    this(TorchEngineLoader.forProcess());
  }

  PyTorchRuntimeProvider(TorchEngineLoader engine) {
    this.engine = requireNonNull(engine, "engine");
  }

  @Override
  public String format() {
    return "pytorch";
  }

  @Override
  public String platform() {
    return "pytorch_libtorch";
  }

  @Override
  public boolean canLoad(Path directory) {
    return Files.isRegularFile(directory.resolve(DEFAULT_FILE)) || ptFiles(directory).size() == 1;
  }

  @Override
  public TorchModel load(ModelSpec spec) {
    requireNonNull(spec, "spec");
    Path file = modelFile(spec);
    return TorchModel.load(spec, file, engine.engine(), platform());
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
    List<Path> candidates = ptFiles(dir);
    if (candidates.size() != 1) {
      throw ModelLoadException.of(spec.name(), dir,
          "found " + candidates.size() + " .pt files " + candidates.stream()
              .map(p -> p.getFileName().toString()).toList()
              + " (expected " + DEFAULT_FILE + " or exactly one *.pt file)", null);
    }
    return candidates.get(0);
  }

  private static List<Path> ptFiles(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".pt") && Files.isRegularFile(p))
          .sorted()
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }
}
