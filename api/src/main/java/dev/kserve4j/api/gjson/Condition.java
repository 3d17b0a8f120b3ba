package dev.kserve4j.api.gjson;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * The comparison inside a GJSON query {@code #(path op value)}, with GJSON's rules:
 *
 * <ul>
 *   <li>a JSON string is compared as a string with the value (by Unicode code point, as Go compares
 *       UTF-8 bytes), or matched against it as a pattern by {@code %} / {@code !%};
 *   <li>a JSON number is compared numerically with the value read as a number (a value that is not
 *       a number reads as 0, as Go's {@code strconv.ParseFloat} failing gives 0); {@code %} /
 *       {@code !%} never match a number;
 *   <li>{@code true} and {@code false} follow GJSON's table: {@code ==} / {@code !=} compare with
 *       the text {@code true} or {@code false}; {@code true > false}, {@code true >= anything},
 *       {@code false < true} and {@code false <= anything} hold;
 *   <li>{@code null}, objects and arrays never satisfy a comparison;
 *   <li>a value starting with {@code ~} first turns what was read into a boolean: {@code ~true}
 *       (true-ish: true, a non-zero number, a string Go's {@code ParseBool} reads as true), {@code
 *       ~false} (false-ish: false, null, missing, zero, a string read as false), {@code ~null}
 *       (null or missing), {@code ~*} (exists), and compares that with {@code true};
 *   <li>without an operator ({@code #(path)}) the element matches when the path exists.
 * </ul>
 *
 * Immutable; the number and the pattern are prepared once.
 */
final class Condition {
  /** The comparison operators; {@link #EXISTS} is a query without one. */
  enum Op {
    EXISTS,
    EQ,
    NE,
    LT,
    LE,
    GT,
    GE,
    LIKE,
    NOT_LIKE
  }

  /** The {@code ~} conversions. */
  enum Tilde {
    NONE,
    TRUE,
    FALSE,
    NULL,
    ANY
  }

  static final Condition EXISTS = new Condition(Op.EXISTS, "", Tilde.NONE);

  private final Op op;
  private final String operand;
  private final double number;
  private final WildcardPattern pattern;
  private final Tilde tilde;

  /**
   * A comparison.
   *
   * @param op the operator
   * @param operand the value compared with, unquoted and unescaped when it was a JSON string
   * @param tilde the {@code ~} conversion the operand asks for, or {@link Tilde#NONE}
   */
  Condition(Op op, String operand, Tilde tilde) {
    this.op = op;
    this.operand = tilde == Tilde.NONE ? operand : "true";
    this.tilde = tilde;
    this.number = GoText.parseFloat(this.operand);
    this.pattern =
        op == Op.LIKE || op == Op.NOT_LIKE ? WildcardPattern.compile(this.operand) : null;
  }

  /**
   * Whether a value read from an array element satisfies the condition.
   *
   * @param value the value, or null when the path read nothing
   * @return true when it satisfies the condition
   */
  boolean matches(JsonNode value) {
    if (tilde != Tilde.NONE) {
      return compareBoolean(ish(value));
    }
    if (value == null) {
      return false;
    }
    if (op == Op.EXISTS) {
      return true;
    }
    if (value.isTextual()) {
      return compareString(value.textValue());
    }
    if (value.isNumber()) {
      return compareNumber(value.doubleValue());
    }
    if (value.isBoolean()) {
      return compareBoolean(value.booleanValue());
    }
    return false;
  }

  private boolean ish(JsonNode value) {
    return switch (tilde) {
      case ANY -> value != null;
      case NULL -> value == null || value.isNull();
      case TRUE -> value != null && trueish(value);
      case FALSE -> value == null || falseish(value);
      case NONE -> throw new IllegalStateException("no ~ conversion");
    };
  }

  private static boolean trueish(JsonNode value) {
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isTextual()) {
      return Boolean.TRUE.equals(parseBool(value.textValue()));
    }
    return value.isNumber() && value.doubleValue() != 0;
  }

  private static boolean falseish(JsonNode value) {
    if (value.isNull() || value.isBoolean()) {
      return !value.asBoolean();
    }
    if (value.isTextual()) {
      return Boolean.FALSE.equals(parseBool(value.textValue()));
    }
    return value.isNumber() && value.doubleValue() == 0;
  }

  /** Go's {@code strconv.ParseBool} of the lower-cased text; null when it reads neither. */
  private static Boolean parseBool(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "1", "t", "true" -> Boolean.TRUE;
      case "0", "f", "false" -> Boolean.FALSE;
      default -> null;
    };
  }

  private boolean compareString(String value) {
    return switch (op) {
      case EQ -> value.equals(operand);
      case NE -> !value.equals(operand);
      case LT -> GoText.compare(value, operand) < 0;
      case LE -> GoText.compare(value, operand) <= 0;
      case GT -> GoText.compare(value, operand) > 0;
      case GE -> GoText.compare(value, operand) >= 0;
      case LIKE -> pattern.matches(value);
      case NOT_LIKE -> !pattern.matches(value);
      case EXISTS -> true;
    };
  }

  private boolean compareNumber(double value) {
    return switch (op) {
      case EQ -> value == number;
      case NE -> value != number;
      case LT -> value < number;
      case LE -> value <= number;
      case GT -> value > number;
      case GE -> value >= number;
      case LIKE, NOT_LIKE -> false;
      case EXISTS -> true;
    };
  }

  private boolean compareBoolean(boolean value) {
    if (value) {
      return switch (op) {
        case EQ -> operand.equals("true");
        case NE -> !operand.equals("true");
        case GT -> operand.equals("false");
        case GE, EXISTS -> true;
        default -> false;
      };
    }
    return switch (op) {
      case EQ -> operand.equals("false");
      case NE -> !operand.equals("false");
      case LT -> operand.equals("true");
      case LE, EXISTS -> true;
      default -> false;
    };
  }

  @Override
  public String toString() {
    return op + " " + (tilde == Tilde.NONE ? operand : "~" + tilde);
  }
}
