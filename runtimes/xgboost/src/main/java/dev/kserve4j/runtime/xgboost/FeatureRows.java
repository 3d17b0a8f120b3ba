package dev.kserve4j.runtime.xgboost;

import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.Datatype;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.Tensor;
import java.util.Arrays;

/**
 * The rows of a request as a dense, row-major float matrix, validated against the model's feature
 * count.
 *
 * <p>Accepted: exactly one input tensor of any numeric datatype with shape {@code [rows, features]}
 * (a rank-1 tensor {@code [features]} is one row). Elements are converted to float as XGBoost does
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
    if (request.inputs().size() != 1) {
      throw KServeException.invalidInput(
          "request has " + request.inputs().size() + " input tensors "
              + request.inputs().stream().map(Tensor::name).toList()
              + " (expected exactly one, of shape [rows, " + features + "])");
    }
    Tensor input = request.inputs().get(0);
    String name = "input '" + input.name() + "'";
    if (input.datatype() == Datatype.BYTES || input.datatype() == Datatype.BOOL) {
      throw KServeException.invalidInput(
          name + ": datatype " + input.datatype()
              + " (expected a numeric datatype: FP16, FP32, FP64, INT8..INT64, UINT8..UINT64)");
    }
    long[] shape = input.shape();
    if (shape.length != 1 && shape.length != 2) {
      throw KServeException.invalidInput(
          name + ": shape " + Arrays.toString(shape) + " has rank " + shape.length
              + " (expected [rows, " + features + "] or one row [" + features + "])");
    }
    long columns = shape[shape.length - 1];
    if (columns != features) {
      throw KServeException.invalidInput(
          name + ": shape " + Arrays.toString(shape) + " but the model expects " + features
              + " features");
    }
    float[] values = input.toFloatArray();
    for (int i = 0; i < values.length; i++) {
      if (Float.isInfinite(values[i])) {
        throw KServeException.invalidInput(
            name + ": element " + i + " is " + input.getAsDouble(i)
                + " (expected a finite number within FP32 range, or NaN for a missing value)");
      }
    }
    int rows = shape.length == 1 ? 1 : (int) shape[0];
    return new FeatureRows(values, rows, features, shape.length == 1);
  }
}
