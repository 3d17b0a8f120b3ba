package dev.kserve4j.protocol.v2.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.kserve4j.common.KServeException;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads and writes the protocol's {@code $parameters} objects (Open Inference Protocol REST,
 * "Parameters"): key/value pairs whose values are strings, numbers or booleans.
 *
 * <p>Integers are read as {@link Long} (or {@link BigInteger} past 64 bits), other numbers as
 * {@link Double}; a {@code null} value is treated as absent. Key order is preserved.
 */
public final class JsonParameters {
  private JsonParameters() {}

  /** Reads the object at the parser's current {@code START_OBJECT} token. */
  public static Map<String, Object> read(JsonParser p, String field) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw KServeException.invalidInput(
          field + ": " + ProtocolJson.describe(p) + " (expected an object of parameters)");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (String key = p.nextFieldName(); key != null; key = p.nextFieldName()) {
      JsonToken t = p.nextToken();
      Object value =
          switch (t) {
            case VALUE_STRING -> p.getText();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NUMBER_INT ->
                p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? p.getBigIntegerValue()
                    : (Object) p.getLongValue();
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_NULL -> null;
            default ->
                throw KServeException.invalidInput(
                    field
                        + "."
                        + key
                        + ": "
                        + ProtocolJson.describe(p)
                        + " (expected a string, number or boolean)");
          };
      if (value != null) {
        out.put(key, value);
      }
    }
    return out.isEmpty() ? Map.of() : Collections.unmodifiableMap(out);
  }

  /** Writes {@code "parameters": {...}}; values of other types are written as strings. */
  public static void write(JsonGenerator g, Map<String, Object> parameters) throws IOException {
    g.writeObjectFieldStart("parameters");
    for (Map.Entry<String, Object> e : parameters.entrySet()) {
      g.writeFieldName(e.getKey());
      Object v = e.getValue();
      if (v instanceof Boolean b) {
        g.writeBoolean(b);
      } else if (v instanceof Long
          || v instanceof Integer
          || v instanceof Short
          || v instanceof Byte) {
        g.writeNumber(((Number) v).longValue());
      } else if (v instanceof Double || v instanceof Float) {
        g.writeNumber(((Number) v).doubleValue());
      } else if (v instanceof BigInteger bi) {
        g.writeNumber(bi);
      } else if (v instanceof BigDecimal bd) {
        g.writeNumber(bd);
      } else {
        g.writeString(String.valueOf(v));
      }
    }
    g.writeEndObject();
  }
}
