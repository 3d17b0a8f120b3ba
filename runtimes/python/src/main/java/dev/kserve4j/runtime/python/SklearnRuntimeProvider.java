package dev.kserve4j.runtime.python;

import dev.kserve4j.runtime.FileRuntimeProvider;
import dev.kserve4j.runtime.ModelSpec;
import java.nio.file.Path;

/**
 * The {@code sklearn} model format: one {@code model.joblib}, {@code model.pkl} or {@code
 * model.pickle} (any single {@code *.joblib}/{@code *.pkl}/{@code *.pickle}, as KServe's
 * sklearnserver accepts), served by a pool of Python worker processes running scikit-learn.
 *
 * <p>Options: see {@link PythonWorkerConfig}.
 */
public final class SklearnRuntimeProvider extends FileRuntimeProvider<PythonModel> {
  public SklearnRuntimeProvider() {
    super(PythonFormat.SKLEARN.format(), "sklearn", PythonFormat.SKLEARN.files());
  }

  @Override
  protected PythonModel load(ModelSpec spec, Path file) {
    return PythonModel.load(spec, PythonFormat.SKLEARN, platform(), System.getenv());
  }
}
