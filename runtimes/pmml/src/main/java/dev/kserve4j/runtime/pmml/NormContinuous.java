package dev.kserve4j.runtime.pmml;

import java.util.List;

/**
 * {@code NormContinuous} (PMML 4.4 "Normalization"): piecewise linear interpolation between the
 * {@code LinearNorm} points (orig, norm), sorted by orig. Values outside the points are
 * extrapolated from the outer segment ({@code outliers="asIs"}, the default), clamped to the outer
 * norm ({@code asExtremeValues}) or made missing ({@code asMissingValues}).
 */
record NormContinuous(
    String field, double[] orig, double[] norm, String outliers, Double mapMissingTo)
    implements Expression {

  static NormContinuous read(XmlElement e, String field) {
    e.onlyChildren(List.of("LinearNorm"));
    List<XmlElement> points = e.children("LinearNorm");
    if (points.size() < 2) {
      throw new PmmlException(
          e + ": has " + points.size() + " LinearNorm elements (expected at" + " least 2)");
    }
    double[] orig = new double[points.size()];
    double[] norm = new double[points.size()];
    for (int i = 0; i < orig.length; i++) {
      orig[i] = points.get(i).number("orig", Double.NaN);
      norm[i] = points.get(i).number("norm", Double.NaN);
      if (Double.isNaN(orig[i]) || Double.isNaN(norm[i]) || (i > 0 && orig[i] <= orig[i - 1])) {
        throw new PmmlException(
            e
                + ": LinearNorm "
                + i
                + " (expected orig and norm numbers,"
                + " orig strictly increasing)");
      }
    }
    String outliers =
        e.choice("outliers", "asIs", List.of("asIs", "asMissingValues", "asExtremeValues"));
    Double missing = e.attribute("mapMissingTo").map(Double::parseDouble).orElse(null);
    return new NormContinuous(field, orig, norm, outliers, missing);
  }

  @Override
  public Object evaluate(Scope scope) {
    Object value = scope.get(field);
    if (value == null) {
      return mapMissingTo;
    }
    double x = (Double) DataType.DOUBLE.cast(value);
    int last = orig.length - 1;
    if (x < orig[0] || x > orig[last]) {
      if (outliers.equals("asMissingValues")) {
        return null;
      }
      if (outliers.equals("asExtremeValues")) {
        return x < orig[0] ? norm[0] : norm[last];
      }
    }
    int i = 0;
    while (i < last - 1 && x > orig[i + 1]) {
      i++;
    }
    return norm[i] + (x - orig[i]) * (norm[i + 1] - norm[i]) / (orig[i + 1] - orig[i]);
  }
}
