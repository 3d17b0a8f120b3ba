package dev.kserve4j.protocol.v2;

import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.Datatype;
import dev.kserve4j.protocol.Tensor;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One request input while its JSON object is being read: its fields arrive in any order, and its
 * elements come either from {@code data} or, with {@code binary_data_size}, from the binary section
 * after the JSON.
 */
final class PendingInput {
  static final String BINARY_DATA_SIZE = "binary_data_size";

  final int index;
  String name;
  Datatype datatype;
  long[] shape;
  int count = -1;
  Map<String, Object> parameters = Map.of();
  boolean hasData;

  /** Byte offset of a {@code data} value seen before {@code datatype}/{@code shape}, else -1. */
  long deferredData = -1;

  Object data;
  int dataCount;
  long binarySize = -1;

  PendingInput(int index) {
    this.index = index;
  }

  String path() {
    return "inputs[" + index + "]";
  }

  String label() {
    return path() + " '" + name + "'";
  }

  boolean ready() {
    return datatype != null && shape != null;
  }

  /** The element count of the shape; computed once both datatype and shape are known. */
  int count() {
    if (count < 0) {
      long n = 1;
      for (long d : shape) {
        if (d == 0) {
          count = 0;
          return 0;
        }
      }
      for (long d : shape) {
        if (n > Integer.MAX_VALUE / d) {
          throw KServeException.invalidInput(
              path()
                  + ".shape: "
                  + Arrays.toString(shape)
                  + " has more than "
                  + Integer.MAX_VALUE
                  + " elements (expected fewer)");
        }
        n *= d;
      }
      count = (int) n;
    }
    return count;
  }

  /** Checks the fields once the object has ended; moves the binary size out of the parameters. */
  void finish() {
    if (name == null) {
      throw KServeException.invalidInput(path() + ": missing \"name\" (expected the input's name)");
    }
    if (shape == null) {
      throw KServeException.invalidInput(
          label() + ": missing \"shape\" (expected a list of" + " dimensions)");
    }
    if (datatype == null) {
      throw KServeException.invalidInput(
          label()
              + ": missing \"datatype\" (expected one of BOOL, UINT8, UINT16, UINT32, UINT64, INT8,"
              + " INT16, INT32, INT64, FP16, FP32, FP64, BYTES)");
    }
    Object size = parameters.get(BINARY_DATA_SIZE);
    if (size != null) {
      if (!(size instanceof Long n) || n < 0) {
        String shown = size instanceof String ? "\"" + size + "\"" : String.valueOf(size);
        throw KServeException.invalidInput(
            path()
                + ".parameters."
                + BINARY_DATA_SIZE
                + ": "
                + shown
                + " (expected a non-negative integer byte count)");
      }
      binarySize = n;
      Map<String, Object> rest = new LinkedHashMap<>(parameters);
      rest.remove(BINARY_DATA_SIZE);
      parameters = rest.isEmpty() ? Map.of() : Collections.unmodifiableMap(rest);
    }
    if (hasData && binarySize >= 0) {
      throw KServeException.invalidInput(
          label()
              + ": has both \"data\" and parameters."
              + BINARY_DATA_SIZE
              + " (expected one of them)");
    }
    if (!hasData && binarySize < 0) {
      throw KServeException.invalidInput(
          label()
              + ": no \"data\" (expected \"data\" or"
              + " parameters."
              + BINARY_DATA_SIZE
              + " with the tensor in the binary section)");
    }
    if (hasData && dataCount != count()) {
      throw countMismatch(dataCount);
    }
  }

  KServeException countMismatch(long given) {
    return KServeException.invalidInput(
        label()
            + ": shape "
            + Arrays.toString(shape)
            + " has "
            + count()
            + " elements but "
            + given
            + " values were given");
  }

  Tensor toTensor() {
    return new Tensor(name, datatype, shape, data, parameters);
  }
}
