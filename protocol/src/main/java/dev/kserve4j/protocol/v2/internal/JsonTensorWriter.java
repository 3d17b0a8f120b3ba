package dev.kserve4j.protocol.v2.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.kserve4j.protocol.Tensor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes a tensor's elements as JSON values straight from its primitive array (Open Inference
 * Protocol REST, "Tensor Data"): unsigned types as their unsigned value, FP16 decoded to a number,
 * BYTES as strings (UTF-8; invalid sequences become U+FFFD).
 */
public final class JsonTensorWriter {
  private JsonTensorWriter() {}

  /** Writes all elements as one flat list, the row-major form the V2 spec's examples use. */
  public static void writeFlat(JsonGenerator g, Tensor t) throws IOException {
    g.writeStartArray();
    writeRange(g, t, 0, t.size());
    g.writeEndArray();
  }

  /**
   * Writes the elements as lists nested by the shape: {@code [n]} gives {@code n} values, {@code
   * [n, k]} gives {@code n} lists of {@code k}. A rank-0 tensor is written as a one-element list.
   */
  public static void writeNested(JsonGenerator g, Tensor t) throws IOException {
    long[] shape = t.shape();
    if (shape.length <= 1) {
      writeFlat(g, t);
      return;
    }
    writeLevel(g, t, shape, 0, 0, t.size());
  }

  /**
   * Writes row {@code row} (index along dimension 0): a single value for shapes {@code [n]} (and
   * rank 0), else the row's elements nested by the remaining dimensions.
   */
  public static void writeRow(JsonGenerator g, Tensor t, int row) throws IOException {
    long[] shape = t.shape();
    if (shape.length <= 1) {
      writeRange(g, t, row, row + 1);
      return;
    }
    int stride = shape[0] == 0 ? 0 : (int) (t.size() / shape[0]);
    writeLevel(g, t, shape, 1, row * stride, stride);
  }

  private static void writeLevel(
      JsonGenerator g, Tensor t, long[] shape, int level, int from, int stride) throws IOException {
    g.writeStartArray();
    int n = (int) shape[level];
    if (level == shape.length - 1) {
      writeRange(g, t, from, from + n);
    } else {
      int inner = n == 0 ? 0 : stride / n;
      for (int i = 0; i < n; i++) {
        writeLevel(g, t, shape, level + 1, from + i * inner, inner);
      }
    }
    g.writeEndArray();
  }

  private static void writeRange(JsonGenerator g, Tensor t, int from, int to) throws IOException {
    Object data = t.data();
    switch (t.datatype()) {
      case BOOL -> {
        boolean[] a = (boolean[]) data;
        for (int i = from; i < to; i++) {
          g.writeBoolean(a[i]);
        }
      }
      case INT8 -> {
        byte[] a = (byte[]) data;
        for (int i = from; i < to; i++) {
          g.writeNumber(a[i]);
        }
      }
      case UINT8 -> {
        byte[] a = (byte[]) data;
        for (int i = from; i < to; i++) {
          g.writeNumber(a[i] & 0xFF);
        }
      }
      case INT16 -> {
        short[] a = (short[]) data;
        for (int i = from; i < to; i++) {
          g.writeNumber(a[i]);
        }
      }
      case UINT16 -> {
        short[] a = (short[]) data;
        for (int i = from; i < to; i++) {
          g.writeNumber(a[i] & 0xFFFF);
        }
      }
      case FP16 -> {
        short[] a = (short[]) data;
        for (int i = from; i < to; i++) {
          g.writeNumber(Float.float16ToFloat(a[i]));
        }
      }
      case INT32 -> {
        int[] a = (int[]) data;
        for (int i = from; i < to; i++) {
          g.writeNumber(a[i]);
        }
      }
      case UINT32 -> {
        int[] a = (int[]) data;
        for (int i = from; i < to; i++) {
          g.writeNumber(Integer.toUnsignedLong(a[i]));
        }
      }
      case INT64 -> {
        long[] a = (long[]) data;
        for (int i = from; i < to; i++) {
          g.writeNumber(a[i]);
        }
      }
      case UINT64 -> {
        long[] a = (long[]) data;
        for (int i = from; i < to; i++) {
          if (a[i] >= 0) {
            g.writeNumber(a[i]);
          } else {
            g.writeNumber(Long.toUnsignedString(a[i]));
          }
        }
      }
      case FP32 -> {
        float[] a = (float[]) data;
        for (int i = from; i < to; i++) {
          g.writeNumber(a[i]);
        }
      }
      case FP64 -> {
        double[] a = (double[]) data;
        for (int i = from; i < to; i++) {
          g.writeNumber(a[i]);
        }
      }
      case BYTES -> {
        byte[][] a = (byte[][]) data;
        for (int i = from; i < to; i++) {
          g.writeString(new String(a[i], StandardCharsets.UTF_8));
        }
      }
    }
  }
}
