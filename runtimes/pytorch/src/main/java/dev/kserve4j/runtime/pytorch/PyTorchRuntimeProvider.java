package dev.kserve4j.runtime.pytorch;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.runtime.FileRuntimeProvider;
import dev.kserve4j.runtime.ModelFileFinder;
import dev.kserve4j.runtime.ModelSpec;
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
public final class PyTorchRuntimeProvider extends FileRuntimeProvider<TorchModel> {
  static final String DEFAULT_FILE = "model.pt";

  private final TorchEngineLoader engine;

  public PyTorchRuntimeProvider() {
    this(TorchEngineLoader.forProcess());
  }

  PyTorchRuntimeProvider(TorchEngineLoader engine) {
    super(
        "pytorch",
        "pytorch_libtorch",
        ModelFileFinder.withExtensions(".pt").preferring(DEFAULT_FILE));
    this.engine = requireNonNull(engine, "engine");
  }

  @Override
  protected TorchModel load(ModelSpec spec, Path file) {
    return TorchModel.load(spec, file, engine.engine(), platform());
  }
}
