package dev.kserve4j.runtime.pmml;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BinaryOperator;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;

/**
 * The built-in functions of {@code Apply} (PMML 4.4 "Built-in Functions") that this evaluator
 * implements. Booleans are 1.0 and 0.0. Unless noted, a missing argument makes the result missing.
 * The {@code x-} prefixed spellings older exporters use for 4.4 functions (e.g. {@code x-atan}) are
 * accepted as aliases.
 */
final class ApplyFunctions {
  /** A function over already-evaluated arguments; {@code null} in means missing. */
  interface Builtin {
    Object apply(List<Object> args);
  }

  private static final Map<String, DoubleUnaryOperator> UNARY =
      Map.ofEntries(
          Map.entry("log10", Math::log10),
          Map.entry("ln", Math::log),
          Map.entry("sqrt", Math::sqrt),
          Map.entry("abs", Math::abs),
          Map.entry("exp", Math::exp),
          Map.entry("floor", Math::floor),
          Map.entry("ceil", Math::ceil),
          Map.entry("round", x -> (double) Math.round(x)),
          Map.entry("rint", Math::rint),
          Map.entry("expm1", Math::expm1),
          Map.entry("ln1p", Math::log1p),
          Map.entry("sin", Math::sin),
          Map.entry("cos", Math::cos),
          Map.entry("tan", Math::tan),
          Map.entry("asin", Math::asin),
          Map.entry("acos", Math::acos),
          Map.entry("atan", Math::atan),
          Map.entry("sinh", Math::sinh),
          Map.entry("cosh", Math::cosh),
          Map.entry("tanh", Math::tanh));

  private static final Map<String, DoubleBinaryOperator> BINARY =
      Map.of(
          "+",
          Double::sum,
          "-",
          (a, b) -> a - b,
          "*",
          (a, b) -> a * b,
          "/",
          (a, b) -> a / b,
          "pow",
          Math::pow,
          "threshold",
          (a, b) -> a > b ? 1 : 0,
          "modulo",
          (a, b) -> a - b * Math.floor(a / b),
          "atan2",
          Math::atan2,
          "hypot",
          Math::hypot);

  private static final Map<String, BinaryOperator<Double>> FOLDS =
      Map.of("min", Math::min, "max", Math::max, "sum", Double::sum, "product", (a, b) -> a * b);

  private static final Map<String, Function<Integer, Boolean>> COMPARISONS =
      Map.of(
          "equal",
          c -> c == 0,
          "notEqual",
          c -> c != 0,
          "lessThan",
          c -> c < 0,
          "lessOrEqual",
          c -> c <= 0,
          "greaterThan",
          c -> c > 0,
          "greaterOrEqual",
          c -> c >= 0);

  private static final Map<String, Function<String, String>> STRINGS =
      Map.of(
          "uppercase",
          s -> s.toUpperCase(Locale.ROOT),
          "lowercase",
          s -> s.toLowerCase(Locale.ROOT),
          "trimBlanks",
          String::strip);

  private ApplyFunctions() {}

  /** The names {@link #lookup} knows, for error messages. */
  static List<String> names() {
    TreeSet<String> all = new TreeSet<>();
    all.addAll(UNARY.keySet());
    all.addAll(BINARY.keySet());
    all.addAll(FOLDS.keySet());
    all.addAll(COMPARISONS.keySet());
    all.addAll(STRINGS.keySet());
    all.addAll(
        List.of(
            "avg",
            "median",
            "and",
            "or",
            "not",
            "isIn",
            "isNotIn",
            "concat",
            "substring",
            "isMissing",
            "isNotMissing",
            "if"));
    return new ArrayList<>(all);
  }

  /** Canonical name: {@code x-atan} is {@code atan} when {@code atan} is known. */
  static String canonical(String name) {
    return name.startsWith("x-") && names().contains(name.substring(2)) ? name.substring(2) : name;
  }

  /** A strict function (missing in, missing out), or null when {@code name} is not one. */
  static Builtin lookup(String name) {
    if (UNARY.containsKey(name)) {
      DoubleUnaryOperator f = UNARY.get(name);
      return strict(a -> f.applyAsDouble(num(a.get(0))));
    }
    if (BINARY.containsKey(name)) {
      DoubleBinaryOperator f = BINARY.get(name);
      return strict(a -> f.applyAsDouble(num(a.get(0)), num(a.get(1))));
    }
    if (FOLDS.containsKey(name)) {
      BinaryOperator<Double> f = FOLDS.get(name);
      return strict(a -> a.stream().map(ApplyFunctions::num).reduce(f).orElseThrow());
    }
    if (COMPARISONS.containsKey(name)) {
      Function<Integer, Boolean> f = COMPARISONS.get(name);
      return strict(a -> bool(f.apply(compare(a.get(0), a.get(1)))));
    }
    if (STRINGS.containsKey(name)) {
      Function<String, String> f = STRINGS.get(name);
      return strict(a -> f.apply(String.valueOf(a.get(0))));
    }
    return switch (name) {
      case "avg" ->
          strict(a -> a.stream().mapToDouble(ApplyFunctions::num).average().orElseThrow());
      case "median" -> strict(ApplyFunctions::median);
      case "and" -> strict(a -> bool(a.stream().allMatch(v -> num(v) != 0)));
      case "or" -> strict(a -> bool(a.stream().anyMatch(v -> num(v) != 0)));
      case "not" -> strict(a -> bool(num(a.get(0)) == 0));
      case "isIn", "isNotIn" ->
          strict(
              a ->
                  bool(
                      a.subList(1, a.size()).stream().anyMatch(v -> compare(a.get(0), v) == 0)
                          == name.equals("isIn")));
      case "concat" -> strict(a -> String.join("", a.stream().map(ApplyFunctions::text).toList()));
      case "substring" ->
          strict(
              a -> {
                String s = String.valueOf(a.get(0));
                int from = Math.max(0, (int) num(a.get(1)) - 1);
                return s.substring(
                    Math.min(from, s.length()), Math.min(s.length(), from + (int) num(a.get(2))));
              });
      case "isMissing" -> a -> bool(a.get(0) == null);
      case "isNotMissing" -> a -> bool(a.get(0) != null);
      default -> null;
    };
  }

  /**
   * Compares two values: numerically when both are numbers, otherwise as text (a category written
   * as a number in one place and as a string in another still matches).
   */
  static int compare(Object a, Object b) {
    if (a instanceof Double x && b instanceof Double y) {
      return Double.compare(x, y);
    }
    return text(a).compareTo(text(b));
  }

  private static String text(Object v) {
    return v instanceof Double d ? DataType.format(d) : String.valueOf(v);
  }

  private static Builtin strict(Builtin f) {
    return args -> args.contains(null) ? null : f.apply(args);
  }

  private static double num(Object v) {
    if (v instanceof Double d) {
      return d;
    }
    return (Double) DataType.DOUBLE.cast(v);
  }

  private static Double bool(boolean b) {
    return b ? 1.0 : 0.0;
  }

  private static Double median(List<Object> args) {
    double[] v = args.stream().mapToDouble(ApplyFunctions::num).sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }
}
