package dev.kserve4j.runtime;

import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.Datatype;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.Tensor;
import java.util.Arrays;

/**
 * The input check shared by runtimes of tabular models (tree ensembles and the like): exactly one
 * numeric input tensor of shape {@code [rows, features]}, or {@code [features]} for one row. Its
 * name is not checked, as KServe's xgbserver and lgbserver take the first input whatever its name.
 *
 * @param tensor the validated input
 * @param rows the number of rows
 * @param singleRow whether the request was a rank-1 tensor (one row)
 */
public record TabularInput(Tensor tensor, int rows, boolean singleRow) {

  /** Validates {@code request} for a model with {@code features} features. */
  public static TabularInput of(InferRequest request, int features) {
    if (request.inputs().size() != 1) {
      throw KServeException.invalidInput(
          "request has "
              + request.inputs().size()
              + " input tensors "
              + request.inputs().stream().map(Tensor::name).toList()
              + " (expected exactly one, of shape [rows, "
              + features
              + "])");
    }
    Tensor input = request.inputs().get(0);
    String name = "input '" + input.name() + "'";
    if (input.datatype() == Datatype.BYTES || input.datatype() == Datatype.BOOL) {
      throw KServeException.invalidInput(
          name
              + ": datatype "
              + input.datatype()
              + " (expected a numeric datatype: FP16, FP32, FP64, INT8..INT64, UINT8..UINT64)");
    }
    long[] shape = input.shape();
    if (shape.length != 1 && shape.length != 2) {
      throw KServeException.invalidInput(
          name
              + ": shape "
              + Arrays.toString(shape)
              + " has rank "
              + shape.length
              + " (expected [rows, "
              + features
              + "] or one row ["
              + features
              + "])");
    }
    if (shape[shape.length - 1] != features) {
      throw KServeException.invalidInput(
          name
              + ": shape "
              + Arrays.toString(shape)
              + " but the model expects "
              + features
              + " features");
    }
    return new TabularInput(input, shape.length == 1 ? 1 : (int) shape[0], shape.length == 1);
  }
}
