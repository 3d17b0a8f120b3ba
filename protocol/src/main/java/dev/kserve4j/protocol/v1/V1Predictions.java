package dev.kserve4j.protocol.v1;

/**
 * How a model's outputs become KServe V1's {@code "predictions"}, which differs by model server in
 * KServe itself.
 */
public enum V1Predictions {
  /**
   * One entry per row of the first output, as KServe's sklearn, xgboost and lightgbm servers return
   * {@code predict}'s result: {@code {"predictions": [1, 1]}}.
   */
  FIRST_OUTPUT,
  /**
   * One object per row holding every output by name, as KServe's pmmlserver returns its result
   * table: {@code {"predictions": [{"Species": "setosa", "Probability_setosa": 1.0, ...}]}}.
   */
  RECORDS
}
