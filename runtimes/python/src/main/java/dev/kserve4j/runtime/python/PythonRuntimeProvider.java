package dev.kserve4j.runtime.python;

import dev.kserve4j.runtime.FileRuntimeProvider;
import dev.kserve4j.runtime.ModelSpec;
import java.nio.file.Path;

/**
 * The {@code python} model format: a directory with a {@code model.py} whose class has KServe's
 * Model shape (load, preprocess, predict, postprocess), served by a pool of Python worker
 * processes. The contract is in docs/PYTHON-MODELS.md.
 *
 * <p>Options: see {@link PythonWorkerConfig}.
 */
public final class PythonRuntimeProvider extends FileRuntimeProvider<PythonModel> {
  public PythonRuntimeProvider() {
    super(PythonFormat.CUSTOM.format(), "python", PythonFormat.CUSTOM.files());
  }

  @Override
  protected PythonModel load(ModelSpec spec, Path file) {
    return PythonModel.load(spec, PythonFormat.CUSTOM, platform(), System.getenv());
  }
}
