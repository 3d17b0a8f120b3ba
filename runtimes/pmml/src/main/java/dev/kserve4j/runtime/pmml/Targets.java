package dev.kserve4j.runtime.pmml;

import java.util.List;

/**
 * A model's {@code Targets/Target} post-processing of a regression prediction (PMML 4.4 "Targets"):
 * clamp to {@code [min, max]}, then {@code value * rescaleFactor + rescaleConstant}, then {@code
 * castInteger}. Exporters use it for, e.g., XGBoost's base score. Prior probabilities ({@code
 * TargetValue}) are not supported.
 */
record Targets(double min, double max, double factor, double constant, String castInteger) {
  static final Targets NONE =
      new Targets(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 1, 0, "none");

  static Targets read(XmlElement targets, Target target) {
    targets.onlyChildren(List.of("Target"));
    List<XmlElement> entries = targets.children("Target");
    if (entries.size() != 1) {
      throw new PmmlException(
          targets
              + ": has "
              + entries.size()
              + " Target elements (expected"
              + " one, for the model's target)");
    }
    XmlElement t = entries.get(0);
    t.onlyChildren(List.of());
    String field = t.attribute("field", target.name());
    if (field != null && !field.equals(target.name())) {
      throw new PmmlException(
          t + ": names field '" + field + "' but the model's target is '" + target.name() + "'");
    }
    if (target.classification()) {
      return NONE;
    }
    return new Targets(
        t.number("min", Double.NEGATIVE_INFINITY),
        t.number("max", Double.POSITIVE_INFINITY),
        t.number("rescaleFactor", 1),
        t.number("rescaleConstant", 0),
        t.choice("castInteger", "none", List.of("none", "round", "ceiling", "floor")));
  }

  Prediction apply(Prediction prediction, ModelContext context) {
    if (this == NONE || !(prediction.value() instanceof Double v)) {
      return prediction;
    }
    double x = Math.max(min, Math.min(max, v)) * factor + constant;
    x =
        switch (castInteger) {
          case "round" -> Math.round(x);
          case "ceiling" -> Math.ceil(x);
          case "floor" -> Math.floor(x);
          default -> x;
        };
    return prediction.withValue(context.round(x));
  }
}
