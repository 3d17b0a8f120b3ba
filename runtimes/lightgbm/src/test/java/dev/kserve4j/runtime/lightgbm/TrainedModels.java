package dev.kserve4j.runtime.lightgbm;

import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMDataset;
import io.github.metarank.lightgbm4j.LGBMException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * LightGBM models trained by lightgbm4j itself on seeded synthetic data (4 features, about 10%
 * missing), saved as {@code model.txt}.
 */
final class TrainedModels {
  static final int FEATURES = 4;
  private static final int ROWS = 500;

  private TrainedModels() {}

  /**
   * Trains for 10 rounds with {@code objective} (binary, regression or multiclass with 3 classes)
   * and writes {@code directory/model.txt}; returns the trained booster, which the caller closes.
   */
  static LGBMBooster train(Path directory, String objective) throws LGBMException, IOException {
    Random random = new Random(11);
    double[] x = randomRows(random, ROWS);
    float[] y = new float[ROWS];
    for (int r = 0; r < ROWS; r++) {
      double a = Double.isNaN(x[r * FEATURES]) ? 0 : x[r * FEATURES];
      double b = Double.isNaN(x[r * FEATURES + 1]) ? 0 : x[r * FEATURES + 1];
      double score = a + 0.5 * b * b + 0.3 * random.nextGaussian();
      y[r] =
          switch (objective) {
            case "binary" -> score > 0.5 ? 1 : 0;
            case "multiclass" -> score < 0 ? 0 : score < 1 ? 1 : 2;
            default -> (float) score;
          };
    }
    String params =
        "objective="
            + objective
            + (objective.equals("multiclass") ? " num_class=3" : "")
            + " num_leaves=8 min_data_in_leaf=5 num_threads=1 deterministic=true seed=1 verbose=-1";
    LGBMDataset dataset = LGBMDataset.createFromMat(x, ROWS, FEATURES, true, params, null);
    dataset.setField("label", y);
    LGBMBooster booster = LGBMBooster.create(dataset, params);
    for (int i = 0; i < 10; i++) {
      booster.updateOneIter();
    }
    Files.createDirectories(directory);
    Files.writeString(
        directory.resolve("model.txt"),
        booster.saveModelToString(0, 0, LGBMBooster.FeatureImportanceType.SPLIT));
    dataset.close();
    return booster;
  }

  static double[] randomRows(Random random, int rows) {
    double[] x = new double[rows * FEATURES];
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextInt(10) == 0 ? Double.NaN : random.nextGaussian();
    }
    return x;
  }
}
