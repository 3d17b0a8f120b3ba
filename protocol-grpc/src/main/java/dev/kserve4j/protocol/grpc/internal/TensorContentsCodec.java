package dev.kserve4j.protocol.grpc.internal;

import com.google.protobuf.UnsafeByteOperations;
import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.Datatype;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.protocol.grpc.v2.InferTensorContents;
import java.util.Arrays;
import java.util.function.IntToLongFunction;

/**
 * Converts between a tensor's flat array and the typed repeated fields of {@code
 * InferTensorContents}.
 *
 * <p>Per the protocol's gRPC definition: INT8, INT16 and INT32 travel in {@code int_contents};
 * UINT8, UINT16 and UINT32 in {@code uint_contents}; every other type in its own field; FP16 has no
 * typed field and must travel as raw contents. Narrow integer values are range-checked on decode,
 * since the wire field is wider than the datatype.
 */
public final class TensorContentsCodec {
  private TensorContentsCodec() {}

  /** The typed field that carries {@code datatype}, or null for FP16. */
  public static String fieldFor(Datatype datatype) {
    return switch (datatype) {
      case BOOL -> "bool_contents";
      case INT8, INT16, INT32 -> "int_contents";
      case UINT8, UINT16, UINT32 -> "uint_contents";
      case INT64 -> "int64_contents";
      case UINT64 -> "uint64_contents";
      case FP32 -> "fp32_contents";
      case FP64 -> "fp64_contents";
      case BYTES -> "bytes_contents";
      case FP16 -> null;
    };
  }

  /** The total number of values in all fields, whatever their type. */
  public static int valueCount(InferTensorContents c) {
    return c.getBoolContentsCount()
        + c.getIntContentsCount()
        + c.getInt64ContentsCount()
        + c.getUintContentsCount()
        + c.getUint64ContentsCount()
        + c.getFp32ContentsCount()
        + c.getFp64ContentsCount()
        + c.getBytesContentsCount();
  }

  /**
   * Decodes the {@code count} elements of a tensor, rejecting values in a field that does not
   * belong to the datatype, a value count that differs from the shape's, and out-of-range values.
   *
   * @param label how errors name the tensor, e.g. {@code "input 'x'"}
   */
  public static Object decode(
      String label, Datatype datatype, long[] shape, int count, InferTensorContents c) {
    String field = fieldFor(datatype);
    if (field == null) {
      throw KServeException.invalidInput(
          label
              + ": FP16 values cannot be sent in contents, which has no 16-bit float field"
              + " (expected: the tensor in raw_input_contents)");
    }
    int own = ownCount(datatype, c);
    if (valueCount(c) != own) {
      throw KServeException.invalidInput(
          label
              + ": datatype "
              + datatype
              + " was given values in "
              + foreignFields(field, c)
              + " (expected: only "
              + field
              + ")");
    }
    if (own != count) {
      throw KServeException.invalidInput(
          label
              + ": shape "
              + Arrays.toString(shape)
              + " has "
              + count
              + " elements but "
              + own
              + " values were given in "
              + field);
    }
    return switch (datatype) {
      case BOOL -> {
        boolean[] a = new boolean[count];
        for (int i = 0; i < count; i++) {
          a[i] = c.getBoolContents(i);
        }
        yield a;
      }
      case INT8, UINT8 -> {
        byte[] a = new byte[count];
        for (int i = 0; i < count; i++) {
          a[i] = (byte) inRange(label, datatype, i, intValue(datatype, c, i));
        }
        yield a;
      }
      case INT16, UINT16 -> {
        short[] a = new short[count];
        for (int i = 0; i < count; i++) {
          a[i] = (short) inRange(label, datatype, i, intValue(datatype, c, i));
        }
        yield a;
      }
      case INT32, UINT32 -> {
        int[] a = new int[count];
        for (int i = 0; i < count; i++) {
          a[i] = intValue(datatype, c, i);
        }
        yield a;
      }
      case INT64 -> longs(count, c::getInt64Contents);
      case UINT64 -> longs(count, c::getUint64Contents);
      case FP32 -> {
        float[] a = new float[count];
        for (int i = 0; i < count; i++) {
          a[i] = c.getFp32Contents(i);
        }
        yield a;
      }
      case FP64 -> {
        double[] a = new double[count];
        for (int i = 0; i < count; i++) {
          a[i] = c.getFp64Contents(i);
        }
        yield a;
      }
      case BYTES -> {
        byte[][] a = new byte[count][];
        for (int i = 0; i < count; i++) {
          a[i] = c.getBytesContents(i).toByteArray();
        }
        yield a;
      }
      case FP16 -> throw new AssertionError("FP16 was rejected above");
    };
  }

  /** Encodes a tensor's elements; FP16 has no typed field, so callers must use raw contents. */
  public static InferTensorContents encode(Tensor t) {
    InferTensorContents.Builder b = InferTensorContents.newBuilder();
    Object data = t.data();
    switch (t.datatype()) {
      case BOOL -> {
        for (boolean v : (boolean[]) data) {
          b.addBoolContents(v);
        }
      }
      case INT8 -> {
        for (byte v : (byte[]) data) {
          b.addIntContents(v);
        }
      }
      case UINT8 -> {
        for (byte v : (byte[]) data) {
          b.addUintContents(Byte.toUnsignedInt(v));
        }
      }
      case INT16 -> {
        for (short v : (short[]) data) {
          b.addIntContents(v);
        }
      }
      case UINT16 -> {
        for (short v : (short[]) data) {
          b.addUintContents(Short.toUnsignedInt(v));
        }
      }
      case INT32 -> {
        for (int v : (int[]) data) {
          b.addIntContents(v);
        }
      }
      // uint32 is carried in a Java int with the same bits, as Tensor holds UINT32.
      case UINT32 -> {
        for (int v : (int[]) data) {
          b.addUintContents(v);
        }
      }
      case INT64 -> {
        for (long v : (long[]) data) {
          b.addInt64Contents(v);
        }
      }
      case UINT64 -> {
        for (long v : (long[]) data) {
          b.addUint64Contents(v);
        }
      }
      case FP32 -> {
        for (float v : (float[]) data) {
          b.addFp32Contents(v);
        }
      }
      case FP64 -> {
        for (double v : (double[]) data) {
          b.addFp64Contents(v);
        }
      }
      case BYTES -> {
        for (byte[] v : (byte[][]) data) {
          b.addBytesContents(UnsafeByteOperations.unsafeWrap(v));
        }
      }
      case FP16 ->
          throw new IllegalArgumentException(
              "tensor '"
                  + t.name()
                  + "': FP16 has no typed contents field (expected: raw contents)");
    }
    return b.build();
  }

  private static int ownCount(Datatype datatype, InferTensorContents c) {
    return switch (datatype) {
      case BOOL -> c.getBoolContentsCount();
      case INT8, INT16, INT32 -> c.getIntContentsCount();
      case UINT8, UINT16, UINT32 -> c.getUintContentsCount();
      case INT64 -> c.getInt64ContentsCount();
      case UINT64 -> c.getUint64ContentsCount();
      case FP32 -> c.getFp32ContentsCount();
      case FP64 -> c.getFp64ContentsCount();
      case BYTES -> c.getBytesContentsCount();
      case FP16 -> 0;
    };
  }

  private static int intValue(Datatype datatype, InferTensorContents c, int i) {
    return datatype.isUnsigned() ? c.getUintContents(i) : c.getIntContents(i);
  }

  /** Checks that a value of int_contents or uint_contents fits the narrower datatype. */
  private static int inRange(String label, Datatype datatype, int i, int v) {
    long min =
        switch (datatype) {
          case INT8 -> Byte.MIN_VALUE;
          case INT16 -> Short.MIN_VALUE;
          default -> 0;
        };
    long max =
        switch (datatype) {
          case INT8 -> Byte.MAX_VALUE;
          case UINT8 -> 0xFF;
          case INT16 -> Short.MAX_VALUE;
          default -> 0xFFFF;
        };
    long value = datatype.isUnsigned() ? Integer.toUnsignedLong(v) : v;
    if (value < min || value > max) {
      throw KServeException.invalidInput(
          label
              + ": value "
              + value
              + " at index "
              + i
              + " is out of range for "
              + datatype
              + " (expected "
              + min
              + ".."
              + max
              + ")");
    }
    return v;
  }

  private static String foreignFields(String own, InferTensorContents c) {
    StringBuilder sb = new StringBuilder();
    appendIf(sb, own, "bool_contents", c.getBoolContentsCount());
    appendIf(sb, own, "int_contents", c.getIntContentsCount());
    appendIf(sb, own, "int64_contents", c.getInt64ContentsCount());
    appendIf(sb, own, "uint_contents", c.getUintContentsCount());
    appendIf(sb, own, "uint64_contents", c.getUint64ContentsCount());
    appendIf(sb, own, "fp32_contents", c.getFp32ContentsCount());
    appendIf(sb, own, "fp64_contents", c.getFp64ContentsCount());
    appendIf(sb, own, "bytes_contents", c.getBytesContentsCount());
    return sb.toString();
  }

  private static void appendIf(StringBuilder sb, String own, String field, int count) {
    if (count > 0 && !field.equals(own)) {
      sb.append(sb.isEmpty() ? "" : ", ").append(field);
    }
  }

  private static long[] longs(int count, IntToLongFunction get) {
    long[] a = new long[count];
    for (int i = 0; i < count; i++) {
      a[i] = get.applyAsLong(i);
    }
    return a;
  }
}
