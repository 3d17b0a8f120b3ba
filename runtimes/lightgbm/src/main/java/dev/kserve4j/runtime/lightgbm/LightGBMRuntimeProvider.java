package dev.kserve4j.runtime.lightgbm;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.runtime.Model;
import dev.kserve4j.runtime.ModelLoadException;
import dev.kserve4j.runtime.ModelRuntimeProvider;
import dev.kserve4j.runtime.ModelSpec;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Serves LightGBM text models (KServe {@code modelFormat.name: lightgbm}) with LightGBM's native
 * library as packaged by lightgbm4j (which needs libgomp on Linux).
 *
 * <p>Options: {@code nthread} (default 1), LightGBM's {@code num_threads} per prediction call, as
 * lgbserver's {@code --nthread}.
 */
public final class LightGBMRuntimeProvider implements ModelRuntimeProvider {

  @Override
  public String format() {
    return "lightgbm";
  }

  @Override
  public String platform() {
    return LightGBMModel.PLATFORM;
  }

  @Override
  public boolean canLoad(Path directory) {
    return ModelFiles.find(directory).isPresent();
  }

  @Override
  public Model load(ModelSpec spec) {
    requireNonNull(spec, "spec");
    Path file =
        ModelFiles.find(spec.directory())
            .orElseThrow(
                () -> ModelLoadException.of(spec.name(), spec.directory(),
                    "expected one LightGBM text model (model.txt or model.bst starting with"
                        + " 'tree', or a single such *.txt/*.bst), found "
                        + ModelFiles.candidates(spec.directory()), null));
    int threads = threads(spec);
    try {
      return new LightGBMModel(spec.name(), spec.version(), NativeBooster.load(file, threads));
    } catch (IOException e) {
      throw ModelLoadException.of(spec.name(), file, "not a readable LightGBM model: "
          + e.getMessage(), e);
    }
  }

  private static int threads(ModelSpec spec) {
    int value;
    try {
      value = spec.intOption("nthread", 1);
    } catch (IllegalArgumentException e) {
      throw new ModelLoadException(e.getMessage(), e);
    }
    if (value < 1) {
      throw new ModelLoadException(
          "model '" + spec.name() + "': option nthread=" + value + " (expected >= 1)");
    }
    return value;
  }
}
