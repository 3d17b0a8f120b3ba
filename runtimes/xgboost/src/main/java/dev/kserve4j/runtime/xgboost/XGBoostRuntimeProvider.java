package dev.kserve4j.runtime.xgboost;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kserve4j.runtime.FileRuntimeProvider;
import dev.kserve4j.runtime.Model;
import dev.kserve4j.runtime.ModelLoadException;
import dev.kserve4j.runtime.ModelSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Serves XGBoost boosters (KServe {@code modelFormat.name: xgboost}) saved as JSON, UBJSON or the
 * legacy binary format, with xgboost4j as the reference implementation.
 *
 * <p>Options: {@code nthread} (default 1), XGBoost's threads per prediction call, as xgbserver's
 * {@code --nthread}; {@code predictor}: {@code auto} (default) evaluates gbtree ensembles with
 * numerical splits in Java, which avoids the fixed cost of a native call per request, and uses
 * xgboost4j for anything else; {@code native} always uses xgboost4j. The choice is logged at load.
 */
public final class XGBoostRuntimeProvider extends FileRuntimeProvider<Model> {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  public XGBoostRuntimeProvider() {
    super("xgboost", XGBoostModel.PLATFORM, BoosterFiles.FINDER);
  }

  @Override
  protected Model load(ModelSpec spec, Path file) {
    int nthread = spec.intOptionAtLeast("nthread", 1, 1);
    String predictorOption = spec.option("predictor").orElse("auto");
    if (!predictorOption.equals("auto") && !predictorOption.equals("native")) {
      throw ModelLoadException.of(
          spec.name(),
          file,
          "option predictor=" + predictorOption + " (expected auto or native)",
          null);
    }
    Booster booster;
    JsonNode document;
    try {
      booster = XGBoost.loadModel(file.toString());
      booster.setParam("nthread", nthread);
      document = JSON.readTree(booster.toByteArray("json"));
    } catch (XGBoostError | IOException e) {
      throw ModelLoadException.of(
          spec.name(), file, "not a readable XGBoost model: " + e.getMessage(), e);
    }
    BoosterConfig config = BoosterConfig.of(document);
    NativePredictor reference = new NativePredictor(booster, config.treeBooster(), spec.name());
    int width = outputWidth(reference, config, spec.name(), file);
    TreePredictor predictor =
        PredictorSelector.select(
            spec.name(), document, config, reference, predictorOption.equals("auto"));
    return new XGBoostModel(spec.name(), spec.version(), predictor, config.numFeature(), width);
  }

  /**
   * Values per row, found by predicting one all-missing row; this also completes XGBoost's lazy
   * configuration before concurrent calls arrive.
   */
  private static int outputWidth(
      TreePredictor predictor, BoosterConfig config, String name, Path file) {
    if (config.numFeature() <= 0) {
      predictor.close();
      throw ModelLoadException.of(
          name,
          file,
          "num_feature is "
              + config.numFeature()
              + " (expected a model trained on at least one feature)",
          null);
    }
    float[] missing = new float[config.numFeature()];
    Arrays.fill(missing, Float.NaN);
    return predictor.predict(missing, 1, config.numFeature()).length;
  }
}
