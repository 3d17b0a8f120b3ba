package dev.kserve4j.runtime.lightgbm;

import dev.kserve4j.protocol.Datatype;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.runtime.TabularInput;

/**
 * The rows of a request as a dense, row-major double matrix, validated against the model's feature
 * count.
 *
 * <p>Accepted: exactly one input tensor of any numeric datatype with shape {@code [rows, features]}
 * (a rank-1 tensor {@code [features]} is one row), columns in the model's feature order. Elements
 * are widened to double, as lgbserver's numpy array is; NaN is a missing value.
 *
 * @param values {@code rows * columns} features, row-major
 * @param rows the number of rows
 */
record FeatureRows(double[] values, int rows) {

  /** Validates {@code request} for a model with {@code features} features. */
  static FeatureRows of(InferRequest request, int features) {
    TabularInput matrix = TabularInput.of(request, features);
    Tensor input = matrix.tensor();
    double[] values;
    if (input.datatype() == Datatype.FP64) {
      values = input.doubles();
    } else {
      values = new double[input.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = input.getAsDouble(i);
      }
    }
    return new FeatureRows(values, matrix.rows());
  }
}
