package dev.kserve4j.runtime.xgboost;

/** One way of running a booster on dense rows; implementations are safe for concurrent calls. */
interface TreePredictor extends AutoCloseable {

  /**
   * Predicts {@code rows} rows of {@code columns} features (row-major, NaN = missing) and returns
   * {@code rows * width} values, row-major, with the objective's transformation applied, as
   * XGBoost's {@code Booster.predict} does.
   */
  float[] predict(float[] values, int rows, int columns);

  /** A short name for logs: {@code xgboost4j} or {@code java}. */
  String kind();

  @Override
  void close();
}
