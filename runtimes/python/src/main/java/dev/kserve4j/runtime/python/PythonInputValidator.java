package dev.kserve4j.runtime.python;

import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.protocol.TensorMetadata;
import java.util.Arrays;
import java.util.List;

/**
 * Checks a request before it crosses to Python, so that mistakes get a 400 naming the input rather
 * than a Python traceback.
 *
 * <p>scikit-learn: one input of shape {@code [rows, features]} (or {@code [features]} for one row),
 * or several named inputs that each hold one column ({@code [rows]} or {@code [rows, 1]}) with the
 * same number of rows. Custom models: when model.py declares inputs, every input must be declared,
 * with the declared datatype.
 */
final class PythonInputValidator {
  private final PythonFormat format;
  private final List<TensorMetadata> declared;

  PythonInputValidator(PythonFormat format, List<TensorMetadata> declared) {
    this.format = format;
    this.declared = declared;
  }

  void validate(List<Tensor> inputs) {
    if (inputs.isEmpty()) {
      throw KServeException.invalidInput("request has no inputs (expected at least one tensor)");
    }
    if (format == PythonFormat.SKLEARN) {
      sklearn(inputs);
    } else if (!declared.isEmpty()) {
      for (Tensor t : inputs) {
        TensorMetadata meta =
            declared.stream()
                .filter(d -> d.name().equals(t.name()))
                .findFirst()
                .orElseThrow(
                    () ->
                        KServeException.invalidInput(
                            "input '"
                                + t.name()
                                + "' is not an input of the model (expected one of "
                                + declared.stream().map(TensorMetadata::name).toList()
                                + ")"));
        if (meta.datatype() != t.datatype()) {
          throw KServeException.invalidInput(
              "input '"
                  + t.name()
                  + "': datatype "
                  + t.datatype()
                  + " (expected "
                  + meta.datatype()
                  + ")");
        }
      }
    }
  }

  private static void sklearn(List<Tensor> inputs) {
    if (inputs.size() == 1) {
      Tensor t = inputs.get(0);
      if (t.shape().length != 1 && t.shape().length != 2) {
        throw KServeException.invalidInput(
            "input '"
                + t.name()
                + "': shape "
                + Arrays.toString(t.shape())
                + " has rank "
                + t.shape().length
                + " (expected [rows, features] or one row [features])");
      }
      return;
    }
    long rows = -1;
    for (Tensor t : inputs) {
      long[] s = t.shape();
      boolean column = s.length == 1 || (s.length == 2 && s[1] == 1);
      if (!column) {
        throw KServeException.invalidInput(
            "input '"
                + t.name()
                + "': shape "
                + Arrays.toString(s)
                + " is not one column (expected [rows] or [rows, 1] when several inputs form a"
                + " table)");
      }
      if (rows >= 0 && s[0] != rows) {
        throw KServeException.invalidInput(
            "input '"
                + t.name()
                + "': "
                + s[0]
                + " rows but input '"
                + inputs.get(0).name()
                + "' has "
                + rows
                + " (expected the same number of rows in"
                + " every column)");
      }
      rows = s[0];
    }
  }
}
