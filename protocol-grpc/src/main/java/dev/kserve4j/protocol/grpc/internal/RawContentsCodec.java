package dev.kserve4j.protocol.grpc.internal;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.Datatype;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.protocol.TensorBytes;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Converts between a tensor's flat array and one entry of {@code raw_input_contents} / {@code
 * raw_output_contents}.
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
   * @param label how errors name the tensor and entry, e.g. {@code "input 'x'
   *     (raw_input_contents[0])"}
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
          label
              + ": "
              + raw.size()
              + " bytes were given but shape "
              + Arrays.toString(shape)
              + " of "
              + datatype
              + " needs "
              + expected
              + " ("
              + count
              + " elements x "
              + datatype.byteSize()
              + " bytes)");
    }
    if (datatype == Datatype.BOOL) {
      boolean[] a = new boolean[count];
      for (int i = 0; i < count; i++) {
        a[i] = in.get() != 0;
      }
      return a;
    }
    return TensorBytes.readNumeric(in, datatype, count);
  }

  /**
   * Encodes a tensor's elements. The returned string wraps a fresh array without copying it again.
   */
  public static ByteString encode(Tensor t) {
    ByteBuffer out =
        ByteBuffer.allocate(Math.toIntExact(TensorBytes.byteSize(t)))
            .order(ByteOrder.LITTLE_ENDIAN);
    TensorBytes.write(t, out);
    return UnsafeByteOperations.unsafeWrap(out.array());
  }

  private static byte[][] decodeBytes(String label, long[] shape, int count, ByteBuffer in) {
    // Checked before allocating, so a huge shape with a small entry cannot exhaust memory.
    if ((long) count * Integer.BYTES > in.remaining()) {
      throw KServeException.invalidInput(
          label
              + ": "
              + in.remaining()
              + " bytes were given but shape "
              + Arrays.toString(shape)
              + " has "
              + count
              + " BYTES elements, which need at least "
              + 4L * count
              + " (a 4-byte length per element)");
    }
    byte[][] a = new byte[count][];
    for (int i = 0; i < count; i++) {
      if (in.remaining() < Integer.BYTES) {
        throw KServeException.invalidInput(
            label
                + ": ends after "
                + i
                + " BYTES elements but shape "
                + Arrays.toString(shape)
                + " has "
                + count
                + " (expected each element as a 4-byte little-endian length"
                + " followed by that many bytes)");
      }
      long length = Integer.toUnsignedLong(in.getInt());
      if (length > in.remaining()) {
        throw KServeException.invalidInput(
            label
                + ": BYTES element "
                + i
                + " declares "
                + length
                + " bytes but only "
                + in.remaining()
                + " remain");
      }
      a[i] = new byte[(int) length];
      in.get(a[i]);
    }
    if (in.hasRemaining()) {
      throw KServeException.invalidInput(
          label
              + ": "
              + in.remaining()
              + " bytes follow the "
              + count
              + " BYTES elements that"
              + " shape "
              + Arrays.toString(shape)
              + " describes (expected none)");
    }
    return a;
  }
}
