package dev.kserve4j.runtime.lightgbm;

import dev.kserve4j.runtime.FileRuntimeProvider;
import dev.kserve4j.runtime.Model;
import dev.kserve4j.runtime.ModelFileFinder;
import dev.kserve4j.runtime.ModelLoadException;
import dev.kserve4j.runtime.ModelSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Serves LightGBM text models (KServe {@code modelFormat.name: lightgbm}) with LightGBM's native
 * library as packaged by lightgbm4j (which needs libgomp on Linux).
 *
 * <p>The model file is {@code model.txt} or {@code model.bst} (lgbserver's name), else the single
 * {@code *.txt} or {@code *.bst} file; in every case it must start with LightGBM's {@code tree}
 * header line, so XGBoost's binary {@code .bst} files and other text files are not taken for
 * LightGBM models.
 *
 * <p>Options: {@code nthread} (default 1), LightGBM's {@code num_threads} per prediction call, as
 * lgbserver's {@code --nthread}.
 */
public final class LightGBMRuntimeProvider extends FileRuntimeProvider<Model> {
  static final ModelFileFinder FILES =
      ModelFileFinder.withExtensions(".txt", ".bst")
          .whereContent("starting with 'tree'", LightGBMRuntimeProvider::isLightGbmText)
          .preferring("model.txt", "model.bst");

  public LightGBMRuntimeProvider() {
    super("lightgbm", LightGBMModel.PLATFORM, FILES);
  }

  @Override
  protected Model load(ModelSpec spec, Path file) {
    int threads = spec.intOptionAtLeast("nthread", 1, 1);
    try {
      return new LightGBMModel(spec.name(), spec.version(), NativeBooster.load(file, threads));
    } catch (IOException e) {
      throw ModelLoadException.of(
          spec.name(), file, "not a readable LightGBM model: " + e.getMessage(), e);
    }
  }

  /** LightGBM's text format (GBDT::SaveModelToString) begins with the line {@code tree}. */
  static boolean isLightGbmText(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      String head = new String(in.readNBytes(5), StandardCharsets.US_ASCII);
      return head.equals("tree\n") || head.equals("tree\r");
    } catch (IOException e) {
      return false;
    }
  }
}
