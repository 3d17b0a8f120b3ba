package dev.kserve4j.protocol;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.common.KServeException;
import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.Map;

/**
 * A named, typed, shaped tensor whose elements live in one flat primitive array in row-major order
 * (see {@link Datatype#arrayType()}). Tensors are not copied on the way to a runtime: callers must
 * not mutate the array after handing it over.
 *
 * @param name the tensor name
 * @param datatype the element type
 * @param shape the dimensions; the product equals the element count
 * @param data the flat element array of {@code datatype.arrayType()}
 * @param parameters protocol parameters of the tensor (e.g. {@code binary_data_size}); never null
 */
public record Tensor(
    String name, Datatype datatype, long[] shape, Object data, Map<String, Object> parameters) {

  public Tensor {
    requireNonNull(name, "name");
    requireNonNull(datatype, "datatype");
    requireNonNull(shape, "shape");
    requireNonNull(data, "data");
    parameters = parameters == null ? Map.of() : parameters;
    if (data.getClass() != datatype.arrayType()) {
      throw new IllegalArgumentException(
          "tensor '"
              + name
              + "': "
              + datatype
              + " data must be "
              + datatype.arrayType().getSimpleName()
              + " but was "
              + data.getClass().getSimpleName());
    }
    long expected = elementCount(name, shape);
    int actual = Array.getLength(data);
    if (expected != actual) {
      throw KServeException.invalidInput(
          "tensor '"
              + name
              + "': shape "
              + Arrays.toString(shape)
              + " has "
              + expected
              + " elements but "
              + actual
              + " values were given");
    }
  }

  public Tensor(String name, Datatype datatype, long[] shape, Object data) {
    this(name, datatype, shape, data, Map.of());
  }

  public static Tensor ofFloats(String name, long[] shape, float[] data) {
    return new Tensor(name, Datatype.FP32, shape, data);
  }

  public static Tensor ofDoubles(String name, long[] shape, double[] data) {
    return new Tensor(name, Datatype.FP64, shape, data);
  }

  public static Tensor ofLongs(String name, long[] shape, long[] data) {
    return new Tensor(name, Datatype.INT64, shape, data);
  }

  public static Tensor ofInts(String name, long[] shape, int[] data) {
    return new Tensor(name, Datatype.INT32, shape, data);
  }

  /** The number of elements a shape describes; rejects negative dimensions. */
  public static long elementCount(String name, long[] shape) {
    long n = 1;
    for (long d : shape) {
      if (d < 0) {
        throw KServeException.invalidInput(
            "tensor '"
                + name
                + "': shape "
                + Arrays.toString(shape)
                + " has a negative dimension (expected: every dimension >= 0)");
      }
      n = Math.multiplyExact(n, d);
    }
    return n;
  }

  public int size() {
    return Array.getLength(data);
  }

  /** The first dimension, or 1 for a scalar. */
  public long batchSize() {
    return shape.length == 0 ? 1 : shape[0];
  }

  public Tensor withName(String newName) {
    return new Tensor(newName, datatype, shape, data, parameters);
  }

  public Tensor withParameters(Map<String, Object> newParameters) {
    return new Tensor(name, datatype, shape, data, newParameters);
  }

  public float[] floats() {
    return (float[]) data;
  }

  public double[] doubles() {
    return (double[]) data;
  }

  public long[] longs() {
    return (long[]) data;
  }

  public int[] ints() {
    return (int[]) data;
  }

  public byte[][] bytes() {
    return (byte[][]) data;
  }

  /** Element {@code i} widened to double (unsigned types read as unsigned, FP16 decoded). */
  public double getAsDouble(int i) {
    return switch (datatype) {
      case BOOL -> ((boolean[]) data)[i] ? 1 : 0;
      case INT8 -> ((byte[]) data)[i];
      case UINT8 -> Byte.toUnsignedInt(((byte[]) data)[i]);
      case INT16 -> ((short[]) data)[i];
      case UINT16 -> Short.toUnsignedInt(((short[]) data)[i]);
      case INT32 -> ((int[]) data)[i];
      case UINT32 -> Integer.toUnsignedLong(((int[]) data)[i]);
      case INT64 -> ((long[]) data)[i];
      case UINT64 -> unsignedToDouble(((long[]) data)[i]);
      case FP16 -> Float.float16ToFloat(((short[]) data)[i]);
      case FP32 -> ((float[]) data)[i];
      case FP64 -> ((double[]) data)[i];
      case BYTES ->
          throw KServeException.invalidInput(
              "tensor '" + name + "': BYTES data is not numeric (expected a numeric datatype)");
    };
  }

  /** The elements as FP32, converting from any numeric datatype (no copy when already FP32). */
  public float[] toFloatArray() {
    if (datatype == Datatype.FP32) {
      return floats();
    }
    float[] out = new float[size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) getAsDouble(i);
    }
    return out;
  }

  private static double unsignedToDouble(long v) {
    double d = (double) (v >>> 1);
    return v >= 0 ? v : d * 2.0 + (v & 1);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Tensor t
        && name.equals(t.name)
        && datatype == t.datatype
        && Arrays.equals(shape, t.shape)
        && Arrays.deepEquals(new Object[] {data}, new Object[] {t.data})
        && parameters.equals(t.parameters);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(shape);
  }

  @Override
  public String toString() {
    return "Tensor[" + name + ", " + datatype + ", " + Arrays.toString(shape) + "]";
  }
}
