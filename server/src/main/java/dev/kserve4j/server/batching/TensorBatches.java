package dev.kserve4j.server.batching;

import dev.kserve4j.protocol.Tensor;
import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.List;

/** Concatenation and splitting of tensors along dimension 0, the batch dimension. */
final class TensorBatches {
  private TensorBatches() {}

  /** Whether two tensors can be stacked along dimension 0: same name, type and trailing dims. */
  static boolean stackable(Tensor a, Tensor b) {
    if (!a.name().equals(b.name())
        || a.datatype() != b.datatype()
        || a.shape().length != b.shape().length
        || a.shape().length == 0) {
      return false;
    }
    for (int i = 1; i < a.shape().length; i++) {
      if (a.shape()[i] != b.shape()[i]) {
        return false;
      }
    }
    return true;
  }

  /** Stacks {@code parts} (pairwise {@link #stackable}) into one tensor. */
  static Tensor concat(List<Tensor> parts) {
    Tensor first = parts.get(0);
    if (parts.size() == 1) {
      return first;
    }
    long rows = 0;
    int total = 0;
    for (Tensor t : parts) {
      rows += t.shape()[0];
      total += t.size();
    }
    Object data = Array.newInstance(first.data().getClass().getComponentType(), total);
    int offset = 0;
    for (Tensor t : parts) {
      System.arraycopy(t.data(), 0, data, offset, t.size());
      offset += t.size();
    }
    long[] shape = first.shape().clone();
    shape[0] = rows;
    return new Tensor(first.name(), first.datatype(), shape, data, first.parameters());
  }

  /** Rows {@code [from, from + count)} of {@code t}. */
  static Tensor slice(Tensor t, long from, long count) {
    if (from == 0 && count == t.shape()[0]) {
      return t;
    }
    int perRow = t.shape()[0] == 0 ? 0 : (int) (t.size() / t.shape()[0]);
    Object data = Array.newInstance(t.data().getClass().getComponentType(), (int) count * perRow);
    System.arraycopy(t.data(), (int) from * perRow, data, 0, (int) count * perRow);
    long[] shape = Arrays.copyOf(t.shape(), t.shape().length);
    shape[0] = count;
    return new Tensor(t.name(), t.datatype(), shape, data, t.parameters());
  }
}
