package dev.kserve4j.protocol;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;

/**
 * Metadata of a model input or output (Open Inference Protocol "Tensor Metadata"): name, datatype
 * and shape, where -1 marks a dynamic dimension.
 */
public record TensorMetadata(String name, Datatype datatype, long[] shape) {
  public TensorMetadata {
    requireNonNull(name, "name");
    requireNonNull(datatype, "datatype");
    requireNonNull(shape, "shape");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TensorMetadata t
        && name.equals(t.name)
        && datatype == t.datatype
        && Arrays.equals(shape, t.shape);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(shape);
  }

  @Override
  public String toString() {
    return name + ":" + datatype + Arrays.toString(shape);
  }
}
