package dev.kserve4j.runtime.xgboost;

import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.runtime.TabularInput;

/**
 * The rows of a request as a dense, row-major float matrix, validated against the model's feature
 * count.
 *
 * <p>Accepted: what {@link TabularInput} accepts. Elements are converted to float as XGBoost does
 * when it builds a {@code DMatrix}; NaN marks a missing value, infinities are rejected (XGBoost
 * refuses them as well, but as an internal error).
 *
 * @param values {@code rows * columns} features, row-major
 * @param rows the number of rows
 * @param columns the number of features per row
 * @param singleRow whether the request was a rank-1 tensor
 */
record FeatureRows(float[] values, int rows, int columns, boolean singleRow) {

  /** Validates {@code request} for a model with {@code features} features. */
  static FeatureRows of(InferRequest request, int features) {
    TabularInput matrix = TabularInput.of(request, features);
    Tensor input = matrix.tensor();
    float[] values = input.toFloatArray();
    for (int i = 0; i < values.length; i++) {
      if (Float.isInfinite(values[i])) {
        throw KServeException.invalidInput(
            "input '"
                + input.name()
                + "': element "
                + i
                + " is "
                + input.getAsDouble(i)
                + " (expected a finite number within FP32 range, or NaN for a missing value)");
      }
    }
    return new FeatureRows(values, matrix.rows(), features, matrix.singleRow());
  }
}
