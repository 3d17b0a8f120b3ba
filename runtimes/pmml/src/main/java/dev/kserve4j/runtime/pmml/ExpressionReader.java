package dev.kserve4j.runtime.pmml;

import dev.kserve4j.common.KServeException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads PMML expressions (PMML 4.4 "Transformations"): Constant, FieldRef, NormContinuous,
 * NormDiscrete, MapValues and Apply; any other expression element fails at load.
 */
final class ExpressionReader {
  static final List<String> SUPPORTED =
      List.of("Constant", "FieldRef", "NormContinuous", "NormDiscrete", "MapValues", "Apply");

  private final Symbols symbols;

  ExpressionReader(Symbols symbols) {
    this.symbols = symbols;
  }

  /**
   * Reads the DerivedFields of a TransformationDictionary or LocalTransformations, defining each in
   * {@link #symbols} so that later ones may use earlier ones.
   */
  Map<String, DerivedField> derivedFields(XmlElement container) {
    container.onlyChildren(List.of("DerivedField", "DefineFunction"));
    if (!container.children("DefineFunction").isEmpty()) {
      throw new PmmlException(
          container
              + ": element DefineFunction is not supported (supported"
              + " here: DerivedField; Apply may call the built-in functions "
              + ApplyFunctions.names()
              + ")");
    }
    Map<String, DerivedField> fields = new LinkedHashMap<>();
    for (XmlElement element : container.children("DerivedField")) {
      String name = element.required("name");
      DataType type = DataType.of(element, "dataType");
      Expression expression = read(single(element));
      symbols.define(name, type);
      fields.put(name, new DerivedField(name, type, expression));
    }
    return fields;
  }

  /** The one expression child of {@code parent}. */
  static XmlElement single(XmlElement parent) {
    List<XmlElement> children = parent.children();
    if (children.size() != 1) {
      throw new PmmlException(
          parent
              + ": has "
              + children.size()
              + " child elements (expected"
              + " exactly one expression: "
              + String.join(", ", SUPPORTED)
              + ")");
    }
    return children.get(0);
  }

  Expression read(XmlElement e) {
    return switch (e.name()) {
      case "Constant" -> constant(e);
      case "FieldRef" -> withMissing(e, fieldRef(e));
      case "NormContinuous" -> NormContinuous.read(e, field(e));
      case "NormDiscrete" -> normDiscrete(e);
      case "MapValues" -> MapValues.read(e, symbols);
      case "Apply" -> apply(e);
      default ->
          throw new PmmlException(
              "expression "
                  + e
                  + " is not supported (supported: "
                  + String.join(", ", SUPPORTED)
                  + ")");
    };
  }

  private String field(XmlElement e) {
    String name = e.required("field");
    symbols.typeOf(name, e);
    return name;
  }

  private Expression fieldRef(XmlElement e) {
    String name = field(e);
    return scope -> scope.get(name);
  }

  private static Expression constant(XmlElement e) {
    if (e.attribute("missing", "false").equals("true")) {
      return scope -> null;
    }
    String text = e.text().trim();
    Object value;
    try {
      value =
          e.attribute("dataType").isPresent()
              ? DataType.of(e, "dataType").parse(text)
              : DataType.DOUBLE.parse(text);
    } catch (IllegalArgumentException notNumber) {
      value = text;
    }
    Object constant = value;
    return scope -> constant;
  }

  private Expression normDiscrete(XmlElement e) {
    String name = field(e);
    Object value = symbols.typeOf(name, e).parse(e.required("value"));
    return withMissing(
        e,
        scope -> {
          Object v = scope.get(name);
          return v == null ? null : (ApplyFunctions.compare(v, value) == 0 ? 1.0 : 0.0);
        });
  }

  private Expression apply(XmlElement e) {
    String function = ApplyFunctions.canonical(e.required("function"));
    List<Expression> args = new ArrayList<>();
    for (XmlElement child : e.children()) {
      args.add(read(child));
    }
    String treatment =
        e.choice(
            "invalidValueTreatment",
            "returnInvalid",
            List.of("returnInvalid", "asIs", "asMissing"));
    Object defaultValue = e.attribute("defaultValue").map(DataType.DOUBLE::parse).orElse(null);
    Expression call = function.equals("if") ? conditional(e, args) : call(e, function, args);
    Expression checked =
        scope -> {
          Object v = call.evaluate(scope);
          if (v instanceof Double d && (d.isNaN() || d.isInfinite())) {
            return switch (treatment) {
              case "asMissing" -> null;
              case "asIs" -> v;
              default ->
                  throw KServeException.invalidInput(
                      "Apply function '"
                          + function
                          + "': result "
                          + d
                          + " is invalid (expected a finite number)");
            };
          }
          return v == null ? defaultValue : v;
        };
    return withMissing(e, checked);
  }

  private static Expression call(XmlElement e, String function, List<Expression> args) {
    ApplyFunctions.Builtin builtin = ApplyFunctions.lookup(function);
    if (builtin == null) {
      throw new PmmlException(
          e
              + ": function '"
              + function
              + "' is not supported (supported: "
              + ApplyFunctions.names()
              + ")");
    }
    if (args.isEmpty()) {
      throw new PmmlException(e + ": function '" + function + "' has no arguments");
    }
    return scope -> {
      List<Object> values = new ArrayList<>(args.size());
      for (Expression arg : args) {
        values.add(arg.evaluate(scope));
      }
      return builtin.apply(values);
    };
  }

  private static Expression conditional(XmlElement e, List<Expression> args) {
    if (args.size() != 2 && args.size() != 3) {
      throw new PmmlException(
          e + ": function 'if' has " + args.size() + " arguments (expected 2 or 3)");
    }
    return scope -> {
      Object condition = args.get(0).evaluate(scope);
      if (condition == null) {
        return null;
      }
      boolean yes = condition instanceof Double d ? d != 0 : condition.equals("true");
      return yes
          ? args.get(1).evaluate(scope)
          : args.size() == 3 ? args.get(2).evaluate(scope) : null;
    };
  }

  /** Applies {@code mapMissingTo}: the value used when the expression's result is missing. */
  private static Expression withMissing(XmlElement e, Expression inner) {
    if (e.attribute("mapMissingTo").isEmpty()) {
      return inner;
    }
    String text = e.attribute("mapMissingTo").get();
    Object replacement;
    try {
      replacement = DataType.DOUBLE.parse(text);
    } catch (IllegalArgumentException notNumber) {
      replacement = text;
    }
    Object r = replacement;
    return scope -> {
      Object v = inner.evaluate(scope);
      return v == null ? r : v;
    };
  }
}
