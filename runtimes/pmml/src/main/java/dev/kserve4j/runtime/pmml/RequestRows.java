package dev.kserve4j.runtime.pmml;

import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.Datatype;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.Tensor;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of a request as values of the model's active fields, prepared for scoring.
 *
 * <p>As KServe's pmmlserver, one tensor of shape {@code [rows, k]} (or {@code [k]} for one row)
 * holds the k active fields in MiningSchema order, whatever its name; numeric datatypes give
 * numbers, BYTES gives UTF-8 strings that are converted to each field's data type (so one BYTES
 * tensor can carry mixed string and numeric fields). Alternatively the request has one tensor per
 * active field, named after it, of shape {@code [rows]} or {@code [rows, 1]}.
 */
final class RequestRows {
  private RequestRows() {}

  static Object[][] read(InferRequest request, List<InputField> fields) {
    List<Tensor> inputs = request.inputs();
    int k = fields.size();
    boolean perField =
        inputs.size() > 1
            || (inputs.size() == 1 && k == 1 && inputs.get(0).name().equals(fields.get(0).name()));
    if (perField) {
      return perField(inputs, fields);
    }
    if (inputs.size() != 1) {
      throw KServeException.invalidInput(
          "request has no input tensors (expected one of shape"
              + " [rows, "
              + k
              + "] holding the fields "
              + names(fields)
              + ")");
    }
    Tensor input = inputs.get(0);
    long[] shape = input.shape();
    if ((shape.length != 1 && shape.length != 2) || shape[shape.length - 1] != k) {
      throw KServeException.invalidInput(
          "input '"
              + input.name()
              + "': shape "
              + Arrays.toString(shape)
              + " does not fit the model's "
              + k
              + " active fields "
              + names(fields)
              + " (expected [rows, "
              + k
              + "] or one row ["
              + k
              + "])");
    }
    int rows = shape.length == 1 ? 1 : (int) shape[0];
    Object[][] out = new Object[rows][k];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < k; c++) {
        Object raw = element(input, r * k + c);
        out[r][c] =
            fields.get(c).prepare(raw, "input '" + input.name() + "' row " + r + " column " + c);
      }
    }
    return out;
  }

  private static Object[][] perField(List<Tensor> inputs, List<InputField> fields) {
    Map<String, Tensor> byName = new HashMap<>();
    inputs.forEach(t -> byName.put(t.name(), t));
    List<String> unknown =
        inputs.stream()
            .map(Tensor::name)
            .filter(n -> fields.stream().noneMatch(f -> f.name().equals(n)))
            .toList();
    if (!unknown.isEmpty() || byName.size() != fields.size() || inputs.size() != fields.size()) {
      throw KServeException.invalidInput(
          "request has input tensors "
              + inputs.stream().map(Tensor::name).toList()
              + " (expected one tensor of shape [rows, "
              + fields.size()
              + "], or one tensor per active field: "
              + names(fields)
              + ")");
    }
    long rows = -1;
    for (InputField field : fields) {
      Tensor t = byName.get(field.name());
      long[] s = t.shape();
      if (!(s.length == 1 || (s.length == 2 && s[1] == 1)) || (rows >= 0 && s[0] != rows)) {
        throw KServeException.invalidInput(
            "input '"
                + t.name()
                + "': shape "
                + Arrays.toString(s)
                + " (expected [rows] or [rows, 1]"
                + (rows >= 0 ? " with " + rows + " rows like the other inputs" : "")
                + ")");
      }
      rows = s[0];
    }
    Object[][] out = new Object[(int) rows][fields.size()];
    for (int c = 0; c < fields.size(); c++) {
      Tensor t = byName.get(fields.get(c).name());
      for (int r = 0; r < rows; r++) {
        out[r][c] = fields.get(c).prepare(element(t, r), "input '" + t.name() + "' row " + r);
      }
    }
    return out;
  }

  private static Object element(Tensor t, int i) {
    if (t.datatype() == Datatype.BYTES) {
      return new String(t.bytes()[i], StandardCharsets.UTF_8);
    }
    return t.getAsDouble(i);
  }

  private static List<String> names(List<InputField> fields) {
    return fields.stream().map(InputField::name).toList();
  }
}
