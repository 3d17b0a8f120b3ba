package dev.kserve4j.runtime.pmml;

import dev.kserve4j.protocol.Datatype;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The PMML data types this evaluator supports (PMML 4.4 "Data Types"), and how values of each are
 * held while scoring: numbers and booleans as {@link Double} (a boolean as 1.0 or 0.0), strings as
 * {@link String}, a missing value as {@code null}.
 */
enum DataType {
  STRING(Datatype.BYTES),
  INTEGER(Datatype.INT64),
  FLOAT(Datatype.FP64),
  DOUBLE(Datatype.FP64),
  BOOLEAN(Datatype.BOOL);

  /**
   * The V2 datatype of an output of this type, as KServe's pmmlserver returns it: its evaluator's
   * results become a pandas column per field, so strings are BYTES, Java integers int64, floats and
   * doubles float64 and booleans bool.
   */
  final Datatype outputDatatype;

  DataType(Datatype outputDatatype) {
    this.outputDatatype = outputDatatype;
  }

  static DataType of(XmlElement element, String attribute) {
    String text = element.required(attribute);
    return parseName(text)
        .orElseThrow(
            () ->
                new PmmlException(
                    element
                        + ": "
                        + attribute
                        + "='"
                        + text
                        + "' is not supported (supported: string, integer, float, double,"
                        + " boolean)"));
  }

  static java.util.Optional<DataType> parseName(String text) {
    return Arrays.stream(values()).filter(t -> t.label().equals(text)).findFirst();
  }

  /** The name as PMML spells it, e.g. {@code double}. */
  String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  boolean numeric() {
    return this != STRING;
  }

  /** Parses a literal of this type as written in a PMML document or sent as a BYTES element. */
  Object parse(String text) {
    return cast(text.trim());
  }

  /**
   * Converts a held value to this type. Throws {@link IllegalArgumentException} when it has no
   * value of this type (a non-numeric string for a number, 2.5 for an integer).
   */
  Object cast(Object value) {
    if (value == null) {
      return null;
    }
    return switch (this) {
      case STRING -> value instanceof Double d ? format(d) : value;
      case DOUBLE -> toDouble(value);
      case FLOAT -> (double) (float) toDouble(value);
      case INTEGER -> integer(toDouble(value));
      case BOOLEAN -> bool(value);
    };
  }

  /** Writes a number as a category: integral values without a fraction ("1", not "1.0"). */
  static String format(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    return Double.toString(d);
  }

  private static double toDouble(Object value) {
    if (value instanceof Double d) {
      return d;
    }
    String s = ((String) value).trim();
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + s + "' is not a number");
    }
  }

  private static double integer(double d) {
    if (d != Math.rint(d) || Double.isInfinite(d)) {
      throw new IllegalArgumentException(d + " is not an integer");
    }
    return d;
  }

  private static double bool(Object value) {
    if (value instanceof Double d) {
      if (d == 0 || d == 1) {
        return d;
      }
      throw new IllegalArgumentException(d + " is not a boolean (expected 0 or 1)");
    }
    String s = ((String) value).trim().toLowerCase(Locale.ROOT);
    if (List.of("true", "1").contains(s)) {
      return 1.0;
    }
    if (List.of("false", "0").contains(s)) {
      return 0.0;
    }
    throw new IllegalArgumentException("'" + value + "' is not a boolean (expected true or false)");
  }
}
