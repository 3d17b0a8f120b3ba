package dev.kserve4j.protocol;

import dev.kserve4j.common.KServeException;

/**
 * The tensor datatypes of the Open Inference Protocol ("Tensor Data Types" section), with the Java
 * array each is held in by {@link Tensor}.
 *
 * <p>Unsigned types are held in the signed Java type of the same width (bit pattern preserved);
 * FP16 is held as raw IEEE-754 half bits in a {@code short[]}; BYTES as {@code byte[][]}.
 */
public enum Datatype {
  BOOL(1, boolean[].class),
  UINT8(1, byte[].class),
  UINT16(2, short[].class),
  UINT32(4, int[].class),
  UINT64(8, long[].class),
  INT8(1, byte[].class),
  INT16(2, short[].class),
  INT32(4, int[].class),
  INT64(8, long[].class),
  FP16(2, short[].class),
  FP32(4, float[].class),
  FP64(8, double[].class),
  BYTES(-1, byte[][].class);

  private final int byteSize;
  private final Class<?> arrayType;

  Datatype(int byteSize, Class<?> arrayType) {
    this.byteSize = byteSize;
    this.arrayType = arrayType;
  }

  /** Bytes per element in the binary tensor encoding; -1 for BYTES (length-prefixed). */
  public int byteSize() {
    return byteSize;
  }

  /** The Java array class that holds this type's elements in a {@link Tensor}. */
  public Class<?> arrayType() {
    return arrayType;
  }

  public boolean isUnsigned() {
    return this == UINT8 || this == UINT16 || this == UINT32 || this == UINT64;
  }

  public boolean isFloating() {
    return this == FP16 || this == FP32 || this == FP64;
  }

  /**
   * Parses the protocol's name (e.g. {@code "FP32"}), naming the accepted values when it is
   * unknown.
   */
  public static Datatype parse(String field, String name) {
    if (name != null) {
      for (Datatype d : values()) {
        if (d.name().equals(name)) {
          return d;
        }
      }
    }
    throw KServeException.invalidInput(
        field
            + ": unknown datatype '"
            + name
            + "' (expected one of BOOL, UINT8, UINT16, UINT32,"
            + " UINT64, INT8, INT16, INT32, INT64, FP16, FP32, FP64, BYTES)");
  }
}
