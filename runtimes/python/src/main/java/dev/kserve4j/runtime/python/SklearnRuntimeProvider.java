package dev.kserve4j.runtime.python;

import dev.kserve4j.runtime.ModelRuntimeProvider;
import dev.kserve4j.runtime.ModelSpec;
import java.nio.file.Path;

/**
 * The {@code sklearn} model format: one {@code model.joblib}, {@code model.pkl} or {@code
 * model.pickle} (any single {@code *.joblib}/{@code *.pkl}/{@code *.pickle}, as KServe's
 * sklearnserver accepts), served by a pool of Python worker processes running scikit-learn.
 *
 * <p>Options: see {@link PythonWorkerConfig}.
 */
public final class SklearnRuntimeProvider implements ModelRuntimeProvider {
  @Override
  public String format() {
    return PythonFormat.SKLEARN.format();
  }

  @Override
  public String platform() {
    return "sklearn";
  }

  @Override
  public boolean canLoad(Path directory) {
    return PythonFormat.SKLEARN.matches(directory);
  }

  @Override
  public PythonModel load(ModelSpec spec) {
    return PythonModel.load(spec, PythonFormat.SKLEARN, platform(), System.getenv());
  }
}
