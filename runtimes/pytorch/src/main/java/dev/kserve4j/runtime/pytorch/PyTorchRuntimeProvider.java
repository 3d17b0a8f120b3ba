package dev.kserve4j.runtime.pytorch;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.runtime.ModelFiles;
import dev.kserve4j.runtime.ModelRuntimeProvider;
import dev.kserve4j.runtime.ModelSpec;
import java.nio.file.Files;
import java.nio.file.Path;

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
    return ModelFiles.hasModelFile(directory, DEFAULT_FILE, ".pt");
  }

  @Override
  public TorchModel load(ModelSpec spec) {
    requireNonNull(spec, "spec");
    Path file = modelFile(spec);
    return TorchModel.load(spec, file, engine.engine(), platform());
  }

  private static Path modelFile(ModelSpec spec) {
    return ModelFiles.modelFile(spec, DEFAULT_FILE, ".pt");
  }
}
