package dev.kserve4j.runtime.xgboost;

import dev.kserve4j.common.KServeException;
import java.util.concurrent.locks.ReentrantLock;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Predicts through xgboost4j, the reference implementation.
 *
 * <p>Tree boosters use in-place prediction ({@code XGBoosterPredictFromDense}): one native call per
 * request on the request's float array, no {@code DMatrix}, and concurrent calls (prediction is
 * thread-safe for tree boosters since XGBoost 1.4). Other boosters ({@code gblinear}) do not
 * support in-place prediction: they get a {@code DMatrix} per call and a lock.
 */
final class NativePredictor implements TreePredictor {
  private final Booster booster;
  private final ReentrantLock lock;
  private final String model;

  /**
   * @param treeBooster whether the booster is {@code gbtree} or {@code dart}
   */
  NativePredictor(Booster booster, boolean treeBooster, String model) {
    this.booster = booster;
    this.lock = treeBooster ? null : new ReentrantLock();
    this.model = model;
  }

  @Override
  public float[] predict(float[] values, int rows, int columns) {
    float[][] out;
    if (lock != null) {
      lock.lock();
    }
    try {
      out =
          lock == null
              ? booster.inplace_predict(values, rows, columns, Float.NaN)
              : predictWithMatrix(values, rows, columns);
    } catch (XGBoostError e) {
      throw KServeException.modelFailure(
          "model '" + model + "': XGBoost prediction failed: " + e.getMessage(), e);
    } finally {
      if (lock != null) {
        lock.unlock();
      }
    }
    int width = out.length == 0 ? 0 : out[0].length;
    float[] flat = new float[rows * width];
    for (int r = 0; r < out.length; r++) {
      System.arraycopy(out[r], 0, flat, r * width, width);
    }
    return flat;
  }

  private float[][] predictWithMatrix(float[] values, int rows, int columns) throws XGBoostError {
    DMatrix matrix = new DMatrix(values, rows, columns, Float.NaN);
    try {
      return booster.predict(matrix);
    } finally {
      matrix.dispose();
    }
  }

  @Override
  public String kind() {
    return "xgboost4j";
  }

  @Override
  public void close() {
    booster.dispose();
  }
}
