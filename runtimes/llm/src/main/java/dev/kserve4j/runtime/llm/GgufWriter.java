package dev.kserve4j.runtime.llm;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a GGUF version 3 file (ggml's {@code docs/gguf.md}): the magic {@code GGUF}, the version,
 * the tensor and key-value counts, the typed metadata key-values, the tensor infos, padding to the
 * alignment, then the tensor data, each tensor starting at a multiple of the alignment. All numbers
 * are little-endian. Only F32 tensors are written.
 */
final class GgufWriter {
  /** {@code general.alignment}'s default, in bytes. */
  static final int ALIGNMENT = 32;

  // gguf_metadata_value_type
  private static final int UINT32 = 4;
  private static final int INT32 = 5;
  private static final int FLOAT32 = 6;
  private static final int BOOL = 7;
  private static final int STRING = 8;
  private static final int ARRAY = 9;
  private static final int GGML_TYPE_F32 = 0;

  private final ByteArrayOutputStream kvs = new ByteArrayOutputStream();
  private int kvCount;
  private final List<Tensor> tensors = new ArrayList<>();

  private record Tensor(String name, long[] dims, float[] data) {}

  GgufWriter putString(String key, String value) {
    header(key, STRING);
    string(kvs, value);
    return this;
  }

  GgufWriter putUint32(String key, int value) {
    header(key, UINT32);
    kvs.writeBytes(le(4).putInt(value).array());
    return this;
  }

  GgufWriter putFloat32(String key, float value) {
    header(key, FLOAT32);
    kvs.writeBytes(le(4).putFloat(value).array());
    return this;
  }

  GgufWriter putBool(String key, boolean value) {
    header(key, BOOL);
    kvs.write(value ? 1 : 0);
    return this;
  }

  GgufWriter putStrings(String key, List<String> values) {
    arrayHeader(key, STRING, values.size());
    values.forEach(v -> string(kvs, v));
    return this;
  }

  GgufWriter putFloats(String key, float[] values) {
    arrayHeader(key, FLOAT32, values.length);
    ByteBuffer b = le(4 * values.length);
    for (float v : values) {
      b.putFloat(v);
    }
    kvs.writeBytes(b.array());
    return this;
  }

  GgufWriter putInts(String key, int[] values) {
    arrayHeader(key, INT32, values.length);
    ByteBuffer b = le(4 * values.length);
    for (int v : values) {
      b.putInt(v);
    }
    kvs.writeBytes(b.array());
    return this;
  }

  /**
   * Adds an F32 tensor; {@code dims} are in ggml order (fastest-varying first: a matrix of {@code
   * rows x cols} is {@code [cols, rows]}).
   */
  GgufWriter addTensor(String name, float[] data, long... dims) {
    long n = 1;
    for (long d : dims) {
      n *= d;
    }
    if (n != data.length) {
      throw new IllegalArgumentException(
          "tensor '" + name + "': dims have " + n + " elements but " + data.length + " were given");
    }
    tensors.add(new Tensor(name, dims.clone(), data));
    return this;
  }

  /** The whole file. */
  byte[] toBytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("GGUF".getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(le(20).putInt(3).putLong(tensors.size()).putLong(kvCount).array());
    out.writeBytes(kvs.toByteArray());
    long offset = 0;
    for (Tensor t : tensors) {
      string(out, t.name());
      ByteBuffer b = le(4 + 8 * t.dims().length + 4 + 8);
      b.putInt(t.dims().length);
      for (long d : t.dims()) {
        b.putLong(d);
      }
      b.putInt(GGML_TYPE_F32).putLong(offset);
      out.writeBytes(b.array());
      offset = align(offset + 4L * t.data().length);
    }
    pad(out);
    for (Tensor t : tensors) {
      ByteBuffer b = le(4 * t.data().length);
      for (float v : t.data()) {
        b.putFloat(v);
      }
      out.writeBytes(b.array());
      pad(out);
    }
    return out.toByteArray();
  }

  private void header(String key, int type) {
    string(kvs, key);
    kvs.writeBytes(le(4).putInt(type).array());
    kvCount++;
  }

  private void arrayHeader(String key, int elementType, int count) {
    header(key, ARRAY);
    kvs.writeBytes(le(12).putInt(elementType).putLong(count).array());
  }

  private static void string(ByteArrayOutputStream out, String s) {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    out.writeBytes(le(8).putLong(utf8.length).array());
    out.writeBytes(utf8);
  }

  private static void pad(ByteArrayOutputStream out) {
    out.writeBytes(new byte[(int) (align(out.size()) - out.size())]);
  }

  private static long align(long n) {
    return (n + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
  }

  private static ByteBuffer le(int size) {
    return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
  }
}
