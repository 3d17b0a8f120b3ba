package dev.kserve4j.protocol.grpc.internal;

import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.grpc.v2.InferParameter;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;

/**
 * Converts the protocol's {@code map<string, InferParameter>} to and from the core model's {@code
 * Map<String, Object>}.
 *
 * <p>Values map as: {@code bool_param} to {@link Boolean}, {@code int64_param} to {@link Long},
 * {@code string_param} to {@link String}, {@code double_param} to {@link Double}, and {@code
 * uint64_param} to {@link Long} when it fits, else to {@link BigInteger} (so the unsigned value is
 * never misread as negative). The reverse direction also accepts the narrower integral and floating
 * types.
 */
public final class InferParameterCodec {
  private InferParameterCodec() {}

  /** Decodes request-side parameters; a parameter without a value is invalid input. */
  public static Map<String, Object> decode(String owner, Map<String, InferParameter> parameters) {
    if (parameters.isEmpty()) {
      return Map.of();
    }
    Map<String, Object> out = new HashMap<>(parameters.size() * 2);
    for (Map.Entry<String, InferParameter> e : parameters.entrySet()) {
      InferParameter p = e.getValue();
      Object value =
          switch (p.getParameterChoiceCase()) {
            case BOOL_PARAM -> p.getBoolParam();
            case INT64_PARAM -> p.getInt64Param();
            case STRING_PARAM -> p.getStringParam();
            case DOUBLE_PARAM -> p.getDoubleParam();
            case UINT64_PARAM -> unsigned(p.getUint64Param());
            case PARAMETERCHOICE_NOT_SET ->
                throw KServeException.invalidInput(
                    owner
                        + " parameter '"
                        + e.getKey()
                        + "': no value was set (expected one of"
                        + " bool_param, int64_param, string_param, double_param, uint64_param)");
          };
      out.put(e.getKey(), value);
    }
    return Map.copyOf(out);
  }

  /**
   * Encodes parameters the server produced. A value of another type is a programming error of the
   * model or runtime that produced it, hence {@link IllegalArgumentException}.
   */
  public static Map<String, InferParameter> encode(Map<String, Object> parameters) {
    if (parameters.isEmpty()) {
      return Map.of();
    }
    Map<String, InferParameter> out = new HashMap<>(parameters.size() * 2);
    parameters.forEach((name, value) -> out.put(name, encodeValue(name, value)));
    return out;
  }

  private static InferParameter encodeValue(String name, Object value) {
    InferParameter.Builder b = InferParameter.newBuilder();
    if (value instanceof Boolean v) {
      return b.setBoolParam(v).build();
    }
    if (value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte) {
      return b.setInt64Param(((Number) value).longValue()).build();
    }
    if (value instanceof Double || value instanceof Float) {
      return b.setDoubleParam(((Number) value).doubleValue()).build();
    }
    if (value instanceof CharSequence v) {
      return b.setStringParam(v.toString()).build();
    }
    if (value instanceof BigInteger v && v.signum() >= 0 && v.bitLength() <= 64) {
      return b.setUint64Param(v.longValue()).build();
    }
    throw new IllegalArgumentException(
        "parameter '"
            + name
            + "': value "
            + value
            + " of type "
            + (value == null ? "null" : value.getClass().getSimpleName())
            + " has no InferParameter form (expected Boolean, an integral Number, Double, Float,"
            + " String, or a BigInteger in 0..2^64-1)");
  }

  private static Object unsigned(long bits) {
    return bits >= 0 ? (Object) bits : new BigInteger(Long.toUnsignedString(bits));
  }
}
