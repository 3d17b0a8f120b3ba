package dev.kserve4j.runtime.pmml;

import dev.kserve4j.runtime.pmml.Predicate.Truth;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * Reads PMML predicates (PMML 4.4 "Predicates"): SimplePredicate, SimpleSetPredicate,
 * CompoundPredicate ({@code and}, {@code or}, {@code xor}, {@code surrogate}), True and False.
 * Literal values are parsed with the data type of the field they are compared with.
 */
final class PredicateReader {
  static final List<String> SUPPORTED =
      List.of("SimplePredicate", "SimpleSetPredicate", "CompoundPredicate", "True", "False");
  private static final Set<String> ELEMENTS = Set.copyOf(SUPPORTED);

  private final Symbols symbols;

  PredicateReader(Symbols symbols) {
    this.symbols = symbols;
  }

  static boolean isPredicate(XmlElement e) {
    return ELEMENTS.contains(e.name());
  }

  /** The one predicate child of {@code parent} (a Node or Segment). */
  Predicate childOf(XmlElement parent) {
    List<XmlElement> found =
        parent.children().stream().filter(PredicateReader::isPredicate).toList();
    if (found.size() != 1) {
      throw new PmmlException(
          parent
              + ": has "
              + found.size()
              + " predicates (expected exactly"
              + " one of "
              + String.join(", ", SUPPORTED)
              + ")");
    }
    return read(found.get(0));
  }

  Predicate read(XmlElement e) {
    return switch (e.name()) {
      case "True" -> Predicate.TRUE;
      case "False" -> Predicate.FALSE;
      case "SimplePredicate" -> simple(e);
      case "SimpleSetPredicate" -> set(e);
      case "CompoundPredicate" -> compound(e);
      default ->
          throw new PmmlException(
              "predicate "
                  + e
                  + " is not supported (supported: "
                  + String.join(", ", SUPPORTED)
                  + ")");
    };
  }

  private Predicate simple(XmlElement e) {
    String field = e.required("field");
    DataType type = symbols.typeOf(field, e);
    String operator =
        e.choice(
            "operator",
            "",
            List.of(
                "equal",
                "notEqual",
                "lessThan",
                "lessOrEqual",
                "greaterThan",
                "greaterOrEqual",
                "isMissing",
                "isNotMissing"));
    if (operator.equals("isMissing") || operator.equals("isNotMissing")) {
      boolean wantMissing = operator.equals("isMissing");
      return scope -> Truth.of((scope.get(field) == null) == wantMissing);
    }
    Object value;
    try {
      value = type.parse(e.required("value"));
    } catch (IllegalArgumentException ex) {
      throw new PmmlException(
          e + ": value '" + e.required("value") + "' is not a " + type.label() + " like its field");
    }
    IntPredicate accept =
        switch (operator) {
          case "equal" -> c -> c == 0;
          case "notEqual" -> c -> c != 0;
          case "lessThan" -> c -> c < 0;
          case "lessOrEqual" -> c -> c <= 0;
          case "greaterThan" -> c -> c > 0;
          default -> c -> c >= 0;
        };
    return scope -> {
      Object v = scope.get(field);
      return v == null ? Truth.UNKNOWN : Truth.of(accept.test(ApplyFunctions.compare(v, value)));
    };
  }

  private Predicate set(XmlElement e) {
    String field = e.required("field");
    DataType type = symbols.typeOf(field, e);
    boolean in = e.choice("booleanOperator", "", List.of("isIn", "isNotIn")).equals("isIn");
    XmlElement array =
        e.child("Array").orElseThrow(() -> new PmmlException(e + ": has no Array of values"));
    List<Object> values = new ArrayList<>();
    for (String token : PmmlArray.tokens(array)) {
      values.add(type.parse(token));
    }
    return scope -> {
      Object v = scope.get(field);
      if (v == null) {
        return Truth.UNKNOWN;
      }
      boolean found = values.stream().anyMatch(x -> ApplyFunctions.compare(v, x) == 0);
      return Truth.of(found == in);
    };
  }

  private Predicate compound(XmlElement e) {
    String operator = e.choice("booleanOperator", "", List.of("and", "or", "xor", "surrogate"));
    List<Predicate> parts = new ArrayList<>();
    for (XmlElement child : e.children()) {
      parts.add(read(child));
    }
    if (parts.size() < 2) {
      throw new PmmlException(e + ": has " + parts.size() + " predicates (expected at least 2)");
    }
    return switch (operator) {
      case "and" -> scope -> and(parts, scope);
      case "or" -> scope -> or(parts, scope);
      case "xor" -> scope -> xor(parts, scope);
      default -> scope -> surrogate(parts, scope);
    };
  }

  private static Truth and(List<Predicate> parts, Scope scope) {
    Truth result = Truth.TRUE;
    for (Predicate p : parts) {
      Truth t = p.test(scope);
      if (t == Truth.FALSE) {
        return Truth.FALSE;
      }
      if (t == Truth.UNKNOWN) {
        result = Truth.UNKNOWN;
      }
    }
    return result;
  }

  private static Truth or(List<Predicate> parts, Scope scope) {
    Truth result = Truth.FALSE;
    for (Predicate p : parts) {
      Truth t = p.test(scope);
      if (t == Truth.TRUE) {
        return Truth.TRUE;
      }
      if (t == Truth.UNKNOWN) {
        result = Truth.UNKNOWN;
      }
    }
    return result;
  }

  private static Truth xor(List<Predicate> parts, Scope scope) {
    boolean odd = false;
    for (Predicate p : parts) {
      Truth t = p.test(scope);
      if (t == Truth.UNKNOWN) {
        return Truth.UNKNOWN;
      }
      odd ^= t == Truth.TRUE;
    }
    return Truth.of(odd);
  }

  /** The first predicate that is not UNKNOWN decides (PMML 4.4 "surrogate"). */
  private static Truth surrogate(List<Predicate> parts, Scope scope) {
    for (Predicate p : parts) {
      Truth t = p.test(scope);
      if (t != Truth.UNKNOWN) {
        return t;
      }
    }
    return Truth.UNKNOWN;
  }
}
