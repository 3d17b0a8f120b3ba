package dev.kserve4j.runtime.xgboost;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Boosters trained by xgboost4j itself on seeded synthetic data (5 features, about 10% missing
 * values so that default directions matter), saved as {@code model.json} into a directory.
 */
final class TrainedBoosters {
  static final int FEATURES = 5;
  private static final int ROWS = 400;

  private TrainedBoosters() {}

  /** Trains with {@code params} (objective etc.) for 8 rounds and saves into {@code directory}. */
  static Path train(Path directory, Map<String, Object> params) throws XGBoostError {
    Random random = new Random(42);
    float[] x = randomRows(random, ROWS);
    float[] y = new float[ROWS];
    String objective = (String) params.get("objective");
    for (int r = 0; r < ROWS; r++) {
      float a = Float.isNaN(x[r * FEATURES]) ? 0 : x[r * FEATURES];
      float b = Float.isNaN(x[r * FEATURES + 1]) ? 0 : x[r * FEATURES + 1];
      float score = a + 0.5f * b * b + 0.3f * (float) random.nextGaussian();
      y[r] =
          switch (objective) {
            case "multi:softprob", "multi:softmax" -> score < 0 ? 0 : score < 1 ? 1 : 2;
            case "binary:logistic", "binary:logitraw", "reg:logistic" -> score > 0.5f ? 1 : 0;
            case "count:poisson", "reg:gamma", "reg:tweedie" -> (float) Math.exp(score / 2);
            case "rank:pairwise" -> score > 0.5f ? 2 : score > 0 ? 1 : 0;
            default -> score;
          };
    }
    DMatrix train = new DMatrix(x, ROWS, FEATURES, Float.NaN);
    train.setLabel(y);
    if (objective.startsWith("rank:")) {
      train.setGroup(new int[] {100, 100, 100, 100});
    }
    Map<String, Object> all =
        new HashMap<>(
            Map.of("max_depth", 4, "eta", 0.3, "nthread", 1, "seed", 1, "tree_method", "hist"));
    all.putAll(params);
    Booster booster = XGBoost.train(train, all, 8, Map.of(), null, null);
    try {
      Files.createDirectories(directory);
      booster.saveModel(directory.resolve("model.json").toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      booster.dispose();
      train.dispose();
    }
    return directory;
  }

  /** Gaussian features with about 10% NaN (missing). */
  static float[] randomRows(Random random, int rows) {
    float[] x = new float[rows * FEATURES];
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextInt(10) == 0 ? Float.NaN : (float) random.nextGaussian();
    }
    return x;
  }
}
