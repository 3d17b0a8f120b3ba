package dev.kserve4j.runtime.python;

import dev.kserve4j.runtime.ModelRuntimeProvider;
import dev.kserve4j.runtime.ModelSpec;
import java.nio.file.Path;

/**
 * The {@code python} model format: a directory with a {@code model.py} whose class has KServe's
 * Model shape (load, preprocess, predict, postprocess), served by a pool of Python worker
 * processes. The contract is in docs/PYTHON-MODELS.md.
 *
 * <p>Options: see {@link PythonWorkerConfig}.
 */
public final class PythonRuntimeProvider implements ModelRuntimeProvider {
  @Override
  public String format() {
    return PythonFormat.CUSTOM.format();
  }

  @Override
  public String platform() {
    return "python";
  }

  @Override
  public boolean canLoad(Path directory) {
    return PythonFormat.CUSTOM.matches(directory);
  }

  @Override
  public PythonModel load(ModelSpec spec) {
    return PythonModel.load(spec, PythonFormat.CUSTOM, platform(), System.getenv());
  }
}
