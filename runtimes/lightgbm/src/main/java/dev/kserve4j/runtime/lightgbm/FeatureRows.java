package dev.kserve4j.runtime.lightgbm;

import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.Datatype;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.Tensor;
import java.util.Arrays;

/**
 * The rows of a request as a dense, row-major double matrix, validated against the model's
 * feature count.
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
    if (shape[shape.length - 1] != features) {
      throw KServeException.invalidInput(
          name + ": shape " + Arrays.toString(shape) + " but the model expects " + features
              + " features");
    }
    double[] values;
    if (input.datatype() == Datatype.FP64) {
      values = input.doubles();
    } else {
      values = new double[input.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = input.getAsDouble(i);
      }
    }
    return new FeatureRows(values, shape.length == 1 ? 1 : (int) shape[0]);
  }
}
