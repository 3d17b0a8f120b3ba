package dev.kserve4j.protocol.grpc.internal;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.Datatype;
import dev.kserve4j.protocol.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Converts between a tensor's flat array and one entry of {@code raw_input_contents} /
 * {@code raw_output_contents}.
 *
 * <p>The layout is the protocol's binary tensor layout: elements in row-major order, little-endian,
 * without padding; BOOL one byte per element (non-zero is true); FP16 the IEEE-754 half bits; BYTES
 * each element as a 4-byte little-endian unsigned length followed by that many bytes.
 */
public final class RawContentsCodec {
  private RawContentsCodec() {}

  /**
   * Decodes the {@code count} elements of a tensor from its raw entry, rejecting an entry whose
   * size does not match the shape and datatype.
   *
   * @param label how errors name the tensor and entry, e.g.
   *     {@code "input 'x' (raw_input_contents[0])"}
   */
  public static Object decode(
      String label, Datatype datatype, long[] shape, int count, ByteString raw) {
    ByteBuffer in = raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    if (datatype == Datatype.BYTES) {
      return decodeBytes(label, shape, count, in);
    }
    long expected = (long) count * datatype.byteSize();
    if (raw.size() != expected) {
      throw KServeException.invalidInput(
          label + ": " + raw.size() + " bytes were given but shape " + Arrays.toString(shape)
              + " of " + datatype + " needs " + expected + " (" + count + " elements x "
              + datatype.byteSize() + " bytes)");
    }
    return switch (datatype) {
      case BOOL -> {
        boolean[] a = new boolean[count];
        for (int i = 0; i < count; i++) {
          a[i] = in.get() != 0;
        }
        yield a;
      }
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
      case BYTES -> throw new AssertionError("BYTES was decoded above");
    };
  }

  /**
   * Encodes a tensor's elements. The returned string wraps a fresh array without copying it again.
   */
  public static ByteString encode(Tensor t) {
    Object data = t.data();
    if (t.datatype() == Datatype.BYTES) {
      return encodeBytes((byte[][]) data);
    }
    ByteBuffer out =
        ByteBuffer.allocate(t.size() * t.datatype().byteSize()).order(ByteOrder.LITTLE_ENDIAN);
    switch (t.datatype()) {
      case BOOL -> {
        for (boolean v : (boolean[]) data) {
          out.put(v ? (byte) 1 : (byte) 0);
        }
      }
      case INT8, UINT8 -> out.put((byte[]) data);
      case INT16, UINT16, FP16 -> out.asShortBuffer().put((short[]) data);
      case INT32, UINT32 -> out.asIntBuffer().put((int[]) data);
      case INT64, UINT64 -> out.asLongBuffer().put((long[]) data);
      case FP32 -> out.asFloatBuffer().put((float[]) data);
      case FP64 -> out.asDoubleBuffer().put((double[]) data);
      case BYTES -> throw new AssertionError("BYTES was encoded above");
    }
    return UnsafeByteOperations.unsafeWrap(out.array());
  }

  private static byte[][] decodeBytes(String label, long[] shape, int count, ByteBuffer in) {
    // Checked before allocating, so a huge shape with a small entry cannot exhaust memory.
    if ((long) count * Integer.BYTES > in.remaining()) {
      throw KServeException.invalidInput(
          label + ": " + in.remaining() + " bytes were given but shape " + Arrays.toString(shape)
              + " has " + count + " BYTES elements, which need at least " + 4L * count
              + " (a 4-byte length per element)");
    }
    byte[][] a = new byte[count][];
    for (int i = 0; i < count; i++) {
      if (in.remaining() < Integer.BYTES) {
        throw KServeException.invalidInput(
            label + ": ends after " + i + " BYTES elements but shape " + Arrays.toString(shape)
                + " has " + count + " (expected each element as a 4-byte little-endian length"
                + " followed by that many bytes)");
      }
      long length = Integer.toUnsignedLong(in.getInt());
      if (length > in.remaining()) {
        throw KServeException.invalidInput(
            label + ": BYTES element " + i + " declares " + length + " bytes but only "
                + in.remaining() + " remain");
      }
      a[i] = new byte[(int) length];
      in.get(a[i]);
    }
    if (in.hasRemaining()) {
      throw KServeException.invalidInput(
          label + ": " + in.remaining() + " bytes follow the " + count + " BYTES elements that"
              + " shape " + Arrays.toString(shape) + " describes (expected none)");
    }
    return a;
  }

  private static ByteString encodeBytes(byte[][] elements) {
    long size = 0;
    for (byte[] e : elements) {
      size += Integer.BYTES + e.length;
    }
    ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(size)).order(ByteOrder.LITTLE_ENDIAN);
    for (byte[] e : elements) {
      out.putInt(e.length).put(e);
    }
    return UnsafeByteOperations.unsafeWrap(out.array());
  }
}
