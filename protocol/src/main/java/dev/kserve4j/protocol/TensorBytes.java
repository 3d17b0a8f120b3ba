package dev.kserve4j.protocol;

import java.nio.ByteBuffer;

/**
 * The Open Inference Protocol's raw element layout, shared by the REST binary tensor data extension
 * and gRPC's {@code raw_input_contents} / {@code raw_output_contents}: row-major, little-endian, no
 * padding; BOOL one byte (1 for true); FP16 the IEEE-754 half bits; a BYTES element a 4-byte
 * little-endian length followed by that many bytes. Buffers passed in must be little-endian. Each
 * protocol keeps its own checks of sizes and BOOL/BYTES contents, whose error messages name that
 * protocol's fields.
 */
public final class TensorBytes {
  private TensorBytes() {}

  /** The number of bytes the tensor's elements take in this layout. */
  public static long byteSize(Tensor t) {
    if (t.datatype() != Datatype.BYTES) {
      return (long) t.size() * t.datatype().byteSize();
    }
    long n = 0;
    for (byte[] element : t.bytes()) {
      n += 4L + element.length;
    }
    return n;
  }

  /** Writes the tensor's elements at the buffer's position and advances it. */
  public static void write(Tensor t, ByteBuffer out) {
    Object data = t.data();
    int at = out.position();
    switch (t.datatype()) {
      case BOOL -> {
        for (boolean b : (boolean[]) data) {
          out.put((byte) (b ? 1 : 0));
        }
      }
      case INT8, UINT8 -> out.put((byte[]) data);
      case INT16, UINT16, FP16 -> out.asShortBuffer().put((short[]) data);
      case INT32, UINT32 -> out.asIntBuffer().put((int[]) data);
      case INT64, UINT64 -> out.asLongBuffer().put((long[]) data);
      case FP32 -> out.asFloatBuffer().put((float[]) data);
      case FP64 -> out.asDoubleBuffer().put((double[]) data);
      case BYTES -> {
        for (byte[] element : (byte[][]) data) {
          out.putInt(element.length).put(element);
        }
      }
    }
    if (t.datatype().byteSize() > 1) {
      // Typed views write through without moving the parent buffer's position.
      out.position(at + t.size() * t.datatype().byteSize());
    }
  }

  /**
   * Reads {@code count} elements of a fixed-size numeric type (not BOOL or BYTES) from the buffer's
   * position; the caller has checked that enough bytes remain.
   */
  public static Object readNumeric(ByteBuffer in, Datatype type, int count) {
    return switch (type) {
      case INT8, UINT8 -> {
        byte[] a = new byte[count];
        in.get(a);
        yield a;
      }
      case INT16, UINT16, FP16 -> {
        short[] a = new short[count];
        in.asShortBuffer().get(a);
        yield a;
      }
      case INT32, UINT32 -> {
        int[] a = new int[count];
        in.asIntBuffer().get(a);
        yield a;
      }
      case INT64, UINT64 -> {
        long[] a = new long[count];
        in.asLongBuffer().get(a);
        yield a;
      }
      case FP32 -> {
        float[] a = new float[count];
        in.asFloatBuffer().get(a);
        yield a;
      }
      case FP64 -> {
        double[] a = new double[count];
        in.asDoubleBuffer().get(a);
        yield a;
      }
      case BOOL, BYTES -> throw new IllegalArgumentException(type + " is not a numeric type");
    };
  }
}
