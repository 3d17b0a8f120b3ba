package dev.kserve4j.protocol.v2.internal;

import com.fasterxml.jackson.core.JsonToken;
import dev.kserve4j.protocol.Datatype;
import java.io.IOException;
import java.util.Arrays;

/**
 * The primitive array a {@link JsonTensorReader} fills: one typed field per array kind, so that
 * storing an element is a plain array store. A fixed buffer keeps at most its capacity and only
 * counts the rest; a growable one doubles (and, when its first value is a string, becomes BYTES:
 * the V1 rule that string instances make a BYTES tensor).
 */
final class TypedBuffer {
  private static final int MAX_CAPACITY = Integer.MAX_VALUE - 16;

  private final boolean growable;
  private Datatype type;
  private int capacity;
  private int count;
  private boolean[] bools;
  private byte[] int8s;
  private short[] int16s;
  private int[] int32s;
  private long[] int64s;
  private float[] fp32s;
  private double[] fp64s;
  private byte[][] strings;

  TypedBuffer(Datatype type, int capacity, boolean growable) {
    this.growable = growable;
    allocate(type, capacity);
  }

  void add(JsonTensorReader r, JsonToken t) throws IOException {
    if (count == 0 && growable && t == JsonToken.VALUE_STRING && type != Datatype.BYTES) {
      allocate(Datatype.BYTES, capacity);
    }
    if (count == capacity && growable) {
      grow(r);
    }
    int i = count++;
    boolean keep = i < capacity;
    switch (type) {
      case BOOL -> {
        boolean v = r.bool(t);
        if (keep) {
          bools[i] = v;
        }
      }
      case INT8 -> {
        byte v = (byte) r.integer(t, Byte.MIN_VALUE, Byte.MAX_VALUE);
        if (keep) {
          int8s[i] = v;
        }
      }
      case UINT8 -> {
        byte v = (byte) r.integer(t, 0, 0xFF);
        if (keep) {
          int8s[i] = v;
        }
      }
      case INT16 -> {
        short v = (short) r.integer(t, Short.MIN_VALUE, Short.MAX_VALUE);
        if (keep) {
          int16s[i] = v;
        }
      }
      case UINT16 -> {
        short v = (short) r.integer(t, 0, 0xFFFF);
        if (keep) {
          int16s[i] = v;
        }
      }
      case FP16 -> {
        short v = Float.floatToFloat16(r.fp32(t));
        if (keep) {
          int16s[i] = v;
        }
      }
      case INT32 -> {
        int v = (int) r.integer(t, Integer.MIN_VALUE, Integer.MAX_VALUE);
        if (keep) {
          int32s[i] = v;
        }
      }
      case UINT32 -> {
        int v = (int) r.integer(t, 0, 0xFFFF_FFFFL);
        if (keep) {
          int32s[i] = v;
        }
      }
      case INT64 -> {
        long v = r.integer(t, Long.MIN_VALUE, Long.MAX_VALUE);
        if (keep) {
          int64s[i] = v;
        }
      }
      case UINT64 -> {
        long v = r.unsigned64(t);
        if (keep) {
          int64s[i] = v;
        }
      }
      case FP32 -> {
        float v = r.fp32(t);
        if (keep) {
          fp32s[i] = v;
        }
      }
      case FP64 -> {
        double v = r.fp64(t);
        if (keep) {
          fp64s[i] = v;
        }
      }
      case BYTES -> {
        byte[] v = r.string(t);
        if (keep) {
          strings[i] = v;
        }
      }
    }
  }

  Datatype datatype() {
    return type;
  }

  int count() {
    return count;
  }

  /** How an error message names the values this buffer accepts. */
  String expectedValues() {
    return type == Datatype.BOOL ? "BOOL values true or false" : type + " values";
  }

  /** The backing array (of the capacity it was created with, for a fixed buffer). */
  Object array() {
    return switch (type) {
      case BOOL -> bools;
      case INT8, UINT8 -> int8s;
      case INT16, UINT16, FP16 -> int16s;
      case INT32, UINT32 -> int32s;
      case INT64, UINT64 -> int64s;
      case FP32 -> fp32s;
      case FP64 -> fp64s;
      case BYTES -> strings;
    };
  }

  /** The array cut to the number of values added. */
  Object trimmed() {
    if (count != capacity) {
      resize(count);
    }
    return array();
  }

  private void grow(JsonTensorReader r) {
    if (capacity >= MAX_CAPACITY) {
      throw r.invalid("more than " + MAX_CAPACITY + " values (expected fewer)");
    }
    resize((int) Math.min(MAX_CAPACITY, Math.max(16L, capacity * 2L)));
  }

  private void resize(int n) {
    switch (type) {
      case BOOL -> bools = Arrays.copyOf(bools, n);
      case INT8, UINT8 -> int8s = Arrays.copyOf(int8s, n);
      case INT16, UINT16, FP16 -> int16s = Arrays.copyOf(int16s, n);
      case INT32, UINT32 -> int32s = Arrays.copyOf(int32s, n);
      case INT64, UINT64 -> int64s = Arrays.copyOf(int64s, n);
      case FP32 -> fp32s = Arrays.copyOf(fp32s, n);
      case FP64 -> fp64s = Arrays.copyOf(fp64s, n);
      case BYTES -> strings = Arrays.copyOf(strings, n);
    }
    capacity = n;
  }

  private void allocate(Datatype newType, int n) {
    type = newType;
    capacity = n;
    switch (newType) {
      case BOOL -> bools = new boolean[n];
      case INT8, UINT8 -> int8s = new byte[n];
      case INT16, UINT16, FP16 -> int16s = new short[n];
      case INT32, UINT32 -> int32s = new int[n];
      case INT64, UINT64 -> int64s = new long[n];
      case FP32 -> fp32s = new float[n];
      case FP64 -> fp64s = new double[n];
      case BYTES -> strings = new byte[n][];
    }
  }
}
