package dev.kserve4j.runtime.xgboost;

import java.util.Random;

/**
 * Rows that exercise every decision of a tree ensemble: each feature is drawn from the split values
 * of that feature, the next float above or below one, or NaN (missing), so both sides of every
 * split, exact ties ({@code x == split} goes right) and default directions are reached. Seeded, so
 * the same model always gets the same rows.
 */
final class ProbeRows {
  private ProbeRows() {}

  /** {@code rows} rows of {@code columns} features, row-major. */
  static float[] of(TreeEnsemble ensemble, int rows, int columns, long seed) {
    Random random = new Random(seed);
    float[][] splits = new float[columns][];
    for (int f = 0; f < columns; f++) {
      splits[f] = ensemble.splitValues(f);
    }
    float[] out = new float[rows * columns];
    for (int r = 0; r < rows; r++) {
      for (int f = 0; f < columns; f++) {
        out[r * columns + f] = draw(random, splits[f]);
      }
    }
    return out;
  }

  private static float draw(Random random, float[] splits) {
    int choice = random.nextInt(8);
    if (choice == 0 || splits.length == 0) {
      return choice == 0 ? Float.NaN : (float) random.nextGaussian();
    }
    float split = splits[random.nextInt(splits.length)];
    return switch (choice) {
      case 1, 2 -> split;
      case 3, 4 -> Math.nextDown(split);
      case 5, 6 -> Math.nextUp(split);
      default -> split + (float) random.nextGaussian();
    };
  }
}
