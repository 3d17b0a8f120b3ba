package dev.kserve4j.runtime.pmml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code RegressionModel} (PMML 4.4 "Regression"): each RegressionTable gives {@code y =
 * intercept + sum(coefficient * x^exponent) + sum(coefficient * [x == value]) + sum(coefficient *
 * product of fields)}.
 *
 * <p>Regression returns the first table's y through {@code normalizationMethod}. Classification
 * gives each table's {@code targetCategory} a probability: {@code softmax} and {@code simplemax}
 * normalise all tables; with two tables, {@code logit}, {@code cloglog}, {@code loglog}, {@code
 * cauchit} and {@code none} map the first table's y to its probability and give the second category
 * the rest, the shape of binary logistic regressions exported from scikit-learn. A missing numeric
 * input makes the prediction missing; a missing categorical input contributes 0.
 */
final class RegressionScorer implements Scorer {
  private static final List<String> METHODS =
      List.of("none", "softmax", "simplemax", "logit", "exp", "cloglog", "loglog", "cauchit");

  private interface Term {
    /** The term's value, or NaN when an input it needs is missing. */
    double value(Scope scope);
  }

  private record Table(Object category, double intercept, List<Term> terms) {}

  private final List<Table> tables;
  private final String method;
  private final boolean classification;
  private final ModelContext context;

  private RegressionScorer(List<Table> tables, String method, ModelContext context) {
    this.tables = tables;
    this.method = method;
    this.classification = context.target().classification();
    this.context = context;
  }

  static RegressionScorer read(ModelContext context) {
    XmlElement e = context.element();
    e.onlyChildren(
        List.of("MiningSchema", "Output", "Targets", "LocalTransformations", "RegressionTable"));
    String method = e.choice("normalizationMethod", "none", METHODS);
    List<Table> tables = new ArrayList<>();
    for (XmlElement table : e.children("RegressionTable")) {
      tables.add(table(table, context));
    }
    boolean classification = context.target().classification();
    if (tables.isEmpty() || (!classification && tables.size() != 1)) {
      throw new PmmlException(
          e
              + ": has "
              + tables.size()
              + " RegressionTables (expected "
              + (classification ? "at least one" : "exactly one for regression")
              + ")");
    }
    boolean binaryOnly = classification && !List.of("softmax", "simplemax").contains(method);
    if (binaryOnly && tables.size() != 2) {
      throw new PmmlException(
          e
              + ": normalizationMethod='"
              + method
              + "' with "
              + tables.size()
              + " RegressionTables is not supported (supported: softmax or simplemax for any number"
              + " of categories, "
              + METHODS
              + " for two)");
    }
    return new RegressionScorer(List.copyOf(tables), method, context);
  }

  private static Table table(XmlElement t, ModelContext context) {
    t.onlyChildren(List.of("NumericPredictor", "CategoricalPredictor", "PredictorTerm"));
    Object category =
        context.target().classification()
            ? context.target().parse(t, t.required("targetCategory"))
            : null;
    Symbols symbols = context.symbols();
    List<Term> terms = new ArrayList<>();
    for (XmlElement p : t.children()) {
      double coefficient = p.number("coefficient", Double.NaN);
      if (Double.isNaN(coefficient)) {
        throw new PmmlException(p + ": attribute 'coefficient' is missing");
      }
      terms.add(
          switch (p.name()) {
            case "NumericPredictor" -> numeric(p, symbols, coefficient);
            case "CategoricalPredictor" -> categorical(p, symbols, coefficient);
            default -> product(p, symbols, coefficient);
          });
    }
    return new Table(category, t.number("intercept", Double.NaN), terms);
  }

  private static Term numeric(XmlElement p, Symbols symbols, double coefficient) {
    String field = p.required("name");
    symbols.typeOf(field, p);
    double exponent = p.number("exponent", 1);
    return scope -> {
      Object v = scope.get(field);
      if (v == null) {
        return Double.NaN;
      }
      double x = (Double) DataType.DOUBLE.cast(v);
      return coefficient * (exponent == 1 ? x : Math.pow(x, exponent));
    };
  }

  private static Term categorical(XmlElement p, Symbols symbols, double coefficient) {
    String field = p.required("name");
    Object value = symbols.typeOf(field, p).parse(p.required("value"));
    return scope -> {
      Object v = scope.get(field);
      return v != null && ApplyFunctions.compare(v, value) == 0 ? coefficient : 0;
    };
  }

  private static Term product(XmlElement p, Symbols symbols, double coefficient) {
    p.onlyChildren(List.of("FieldRef"));
    List<String> fields = p.children("FieldRef").stream().map(f -> f.required("field")).toList();
    fields.forEach(f -> symbols.typeOf(f, p));
    return scope -> {
      double result = coefficient;
      for (String f : fields) {
        Object v = scope.get(f);
        if (v == null) {
          return Double.NaN;
        }
        result *= (Double) DataType.DOUBLE.cast(v);
      }
      return result;
    };
  }

  @Override
  public Prediction score(Scope scope) {
    double[] y = new double[tables.size()];
    for (int i = 0; i < y.length; i++) {
      Table table = tables.get(i);
      double sum = Double.isNaN(table.intercept()) ? 0 : table.intercept();
      for (Term term : table.terms()) {
        sum = context.round(sum + context.round(term.value(scope)));
      }
      if (Double.isNaN(sum)) {
        return Prediction.MISSING;
      }
      y[i] = sum;
    }
    if (!classification) {
      return Prediction.regression(context.round(link(y[0])));
    }
    Map<Object, Double> probabilities = new LinkedHashMap<>();
    if (method.equals("softmax") || method.equals("simplemax")) {
      double max = Double.NEGATIVE_INFINITY;
      for (double v : y) {
        max = Math.max(max, v);
      }
      double total = 0;
      double[] weights = new double[y.length];
      for (int i = 0; i < y.length; i++) {
        weights[i] = method.equals("softmax") ? Math.exp(y[i] - max) : y[i];
        total += weights[i];
      }
      for (int i = 0; i < y.length; i++) {
        probabilities.put(tables.get(i).category(), context.round(weights[i] / total));
      }
    } else {
      double first = link(y[0]);
      probabilities.put(tables.get(0).category(), context.round(first));
      probabilities.put(tables.get(1).category(), context.round(1 - first));
    }
    return Prediction.classification(probabilities, null, null);
  }

  /** The inverse link of {@code normalizationMethod} for one value. */
  private double link(double y) {
    return switch (method) {
      case "softmax", "logit" -> 1 / (1 + Math.exp(-y));
      case "exp" -> Math.exp(y);
      case "cloglog" -> 1 - Math.exp(-Math.exp(y));
      case "loglog" -> Math.exp(-Math.exp(-y));
      case "cauchit" -> 0.5 + Math.atan(y) / Math.PI;
      default -> y;
    };
  }
}
