package dev.kserve4j.protocol.v2.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonParser.NumberType;
import com.fasterxml.jackson.core.JsonToken;
import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.Datatype;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads tensor elements from JSON straight into one flat, row-major primitive array of a {@link
 * Datatype}, without boxing or building strings for numbers.
 *
 * <p>Element encoding follows the Open Inference Protocol REST spec, "Tensor Data": BOOL as {@code
 * true}/{@code false}, integers as JSON integers within the type's range, FP16/FP32/FP64 as JSON
 * numbers, BYTES as strings (stored as their UTF-8 bytes). Two modes:
 *
 * <ul>
 *   <li>{@link #readData}: a V2 {@code data} value, flat or nested in any way; the caller compares
 *       the element count with the declared shape.
 *   <li>{@link #readRows}: a V1 list of instances, whose nesting gives the shape; it must be
 *       rectangular.
 * </ul>
 */
public final class JsonTensorReader {
  /** The elements read: {@code array} holds {@code count} values when the count was expected. */
  public record Values(Datatype datatype, Object array, int count, long[] shape) {}

  private static final int MAX_DEPTH = 32;
  private static final int INITIAL_CAPACITY = 16;
  private static final String NOT_RECTANGULAR = " (all instances must have the same shape)";

  private final JsonParser p;
  private final String field;
  private final String objectMessage;
  private final boolean rows;
  private final TypedBuffer buffer;
  private final int[] position = new int[MAX_DEPTH];
  private final long[] dims = new long[MAX_DEPTH];
  private int depth;
  private int maxDepth;
  private int leafDepth = -1;

  private JsonTensorReader(
      JsonParser p, String field, String objectMessage, boolean rows, TypedBuffer buffer) {
    this.p = p;
    this.field = field;
    this.objectMessage = objectMessage;
    this.rows = rows;
    this.buffer = buffer;
    Arrays.fill(dims, -1);
  }

  /**
   * Reads the V2 {@code data} value at the parser's current token. At most {@code storeLimit}
   * values are kept (a bound derived from the body size, so a huge declared shape cannot make us
   * allocate); the rest are only validated and counted.
   *
   * @param field the field path for error messages, e.g. {@code inputs[0].data}
   */
  public static Values readData(
      JsonParser p, Datatype type, int expected, int storeLimit, String field) throws IOException {
    TypedBuffer buffer = new TypedBuffer(type, expected <= storeLimit ? expected : 0, false);
    JsonTensorReader r = new JsonTensorReader(p, field, null, false, buffer);
    r.run();
    return new Values(type, buffer.array(), buffer.count(), null);
  }

  /**
   * Reads a V1 list of instances at the parser's current {@code START_ARRAY} token into a tensor of
   * shape {@code [n, ...]}. When the first value is a string the tensor is BYTES, otherwise values
   * are converted to {@code type}.
   *
   * @param objectMessage what to say when an instance is a JSON object
   */
  public static Values readRows(JsonParser p, Datatype type, String field, String objectMessage)
      throws IOException {
    TypedBuffer buffer = new TypedBuffer(type, INITIAL_CAPACITY, true);
    JsonTensorReader r = new JsonTensorReader(p, field, objectMessage, true, buffer);
    r.run();
    int rank = r.leafDepth >= 0 ? r.leafDepth : r.maxDepth;
    return new Values(
        buffer.datatype(), buffer.trimmed(), buffer.count(), Arrays.copyOf(r.dims, rank));
  }

  private void run() throws IOException {
    JsonToken t = p.currentToken();
    if (t != JsonToken.START_ARRAY) {
      leaf(t);
      return;
    }
    depth = 1;
    maxDepth = 1;
    position[0] = 0;
    while (depth > 0) {
      t = p.nextToken();
      if (t == JsonToken.START_ARRAY) {
        if (depth == MAX_DEPTH) {
          throw invalid(
              "lists nested deeper than "
                  + MAX_DEPTH
                  + " levels (expected a tensor of"
                  + " lower rank)");
        }
        if (rows && leafDepth >= 0 && depth >= leafDepth) {
          throw invalid("a list where a value was expected" + NOT_RECTANGULAR);
        }
        position[depth++] = 0;
        maxDepth = Math.max(maxDepth, depth);
      } else if (t == JsonToken.END_ARRAY) {
        depth--;
        if (rows) {
          closeDimension(position[depth]);
        }
        if (depth > 0) {
          position[depth - 1]++;
        }
      } else {
        leaf(t);
        position[depth - 1]++;
      }
    }
  }

  private void leaf(JsonToken t) throws IOException {
    if (t == JsonToken.START_OBJECT) {
      throw invalid(
          objectMessage != null
              ? objectMessage
              : "an object (expected " + buffer.expectedValues() + ")");
    }
    if (rows) {
      if (leafDepth < 0) {
        if (maxDepth > depth) {
          throw invalid("a value where a list was expected" + NOT_RECTANGULAR);
        }
        leafDepth = depth;
      } else if (depth != leafDepth) {
        throw invalid("a value where a list was expected" + NOT_RECTANGULAR);
      }
    }
    buffer.add(this, t);
  }

  private void closeDimension(int length) {
    if (dims[depth] < 0) {
      dims[depth] = length;
    } else if (dims[depth] != length) {
      throw invalid(
          "a list of "
              + length
              + " values where earlier ones have "
              + dims[depth]
              + NOT_RECTANGULAR);
    }
  }

  // --- element conversion, called by TypedBuffer for each value ---

  boolean bool(JsonToken t) {
    if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
      return t == JsonToken.VALUE_TRUE;
    }
    throw notA("a boolean");
  }

  long integer(JsonToken t, long min, long max) throws IOException {
    if (t != JsonToken.VALUE_NUMBER_INT) {
      throw notA(t == JsonToken.VALUE_NUMBER_FLOAT ? "an integer" : "a number");
    }
    NumberType nt = p.getNumberType();
    if (nt != NumberType.BIG_INTEGER) {
      long v = p.getLongValue();
      if (v >= min && v <= max) {
        return v;
      }
    }
    throw outOfRange(min + " to " + max);
  }

  long unsigned64(JsonToken t) throws IOException {
    if (t != JsonToken.VALUE_NUMBER_INT) {
      throw notA(t == JsonToken.VALUE_NUMBER_FLOAT ? "an integer" : "a number");
    }
    if (p.getNumberType() != NumberType.BIG_INTEGER) {
      long v = p.getLongValue();
      if (v >= 0) {
        return v;
      }
    } else {
      BigInteger v = p.getBigIntegerValue();
      if (v.signum() >= 0 && v.bitLength() <= 64) {
        return v.longValue();
      }
    }
    throw outOfRange("0 to " + Long.toUnsignedString(-1L));
  }

  float fp32(JsonToken t) throws IOException {
    if (t != JsonToken.VALUE_NUMBER_FLOAT && t != JsonToken.VALUE_NUMBER_INT) {
      throw notA("a number");
    }
    return p.getFloatValue();
  }

  double fp64(JsonToken t) throws IOException {
    if (t != JsonToken.VALUE_NUMBER_FLOAT && t != JsonToken.VALUE_NUMBER_INT) {
      throw notA("a number");
    }
    return p.getDoubleValue();
  }

  byte[] string(JsonToken t) throws IOException {
    if (t != JsonToken.VALUE_STRING) {
      throw notA("a string");
    }
    return p.getText().getBytes(StandardCharsets.UTF_8);
  }

  KServeException invalid(String what) {
    StringBuilder path = new StringBuilder(field);
    for (int i = 0; i < depth; i++) {
      path.append('[').append(position[i]).append(']');
    }
    return KServeException.invalidInput(path + ": " + what);
  }

  private KServeException notA(String kind) {
    return invalid(describe() + " is not " + kind + " (expected " + buffer.expectedValues() + ")");
  }

  private KServeException outOfRange(String range) {
    return invalid(
        describe() + " is out of range for " + buffer.datatype() + " (expected " + range + ")");
  }

  private String describe() {
    try {
      return ProtocolJson.describe(p);
    } catch (IOException e) {
      return "a value";
    }
  }
}
