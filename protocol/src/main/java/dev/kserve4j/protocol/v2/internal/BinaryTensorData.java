package dev.kserve4j.protocol.v2.internal;

import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.Datatype;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.protocol.TensorBytes;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The binary tensor data extension's element layout (Triton/KServe "Binary Tensor Data Extension"):
 * little-endian, row-major, no padding; BOOL one byte 0 or 1; a BYTES element is a 4-byte
 * little-endian unsigned length followed by that many bytes.
 */
public final class BinaryTensorData {
  private BinaryTensorData() {}

  /** The number of bytes the tensor takes in the binary section. */
  public static long byteSize(Tensor t) {
    return TensorBytes.byteSize(t);
  }

  /** Writes the tensor's elements at the buffer's position, which must be little-endian. */
  public static void write(Tensor t, ByteBuffer out) {
    TensorBytes.write(t, out);
  }

  /**
   * Reads {@code count} elements from {@code length} bytes at {@code offset}. For fixed-size types
   * the caller has checked that {@code length == count * byteSize}.
   *
   * @param label names the tensor in error messages, e.g. {@code inputs[0] 'x'}
   */
  public static Object read(
      byte[] body, int offset, int length, Datatype type, int count, String label) {
    ByteBuffer in = ByteBuffer.wrap(body, offset, length).slice().order(ByteOrder.LITTLE_ENDIAN);
    return switch (type) {
      case BOOL -> readBools(in, count, label);
      case BYTES -> readStrings(in, count, label);
      default -> TensorBytes.readNumeric(in, type, count);
    };
  }

  private static boolean[] readBools(ByteBuffer in, int count, String label) {
    boolean[] a = new boolean[count];
    for (int i = 0; i < count; i++) {
      byte b = in.get();
      if (b != 0 && b != 1) {
        throw KServeException.invalidInput(
            label + ": binary BOOL element " + i + " is byte " + b + " (expected 0 or 1)");
      }
      a[i] = b == 1;
    }
    return a;
  }

  private static byte[][] readStrings(ByteBuffer in, int count, String label) {
    int size = in.remaining();
    if ((long) count * 4 > size) {
      throw KServeException.invalidInput(
          label
              + ": binary_data_size "
              + size
              + " is too small for "
              + count
              + " BYTES elements (expected at least 4 bytes of length prefix per element)");
    }
    byte[][] a = new byte[count][];
    for (int i = 0; i < count; i++) {
      if (in.remaining() < 4) {
        throw KServeException.invalidInput(
            label
                + ": BYTES element "
                + i
                + " has no room for its"
                + " 4-byte length ("
                + in.remaining()
                + " bytes left of binary_data_size "
                + size
                + ")");
      }
      long n = Integer.toUnsignedLong(in.getInt());
      if (n > in.remaining()) {
        throw KServeException.invalidInput(
            label
                + ": BYTES element "
                + i
                + " has length "
                + n
                + " but only "
                + in.remaining()
                + " bytes are left of binary_data_size "
                + size);
      }
      a[i] = new byte[(int) n];
      in.get(a[i]);
    }
    if (in.hasRemaining()) {
      throw KServeException.invalidInput(
          label
              + ": binary_data_size "
              + size
              + " but its "
              + count
              + " BYTES elements take "
              + (size - in.remaining())
              + " bytes (expected them to fill it"
              + " exactly)");
    }
    return a;
  }
}
