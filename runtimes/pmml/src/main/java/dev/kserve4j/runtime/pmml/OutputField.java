package dev.kserve4j.runtime.pmml;

import java.util.List;

/**
 * An {@code OutputField} of a model's {@code Output} (PMML 4.4 "Output"): a value derived from the
 * prediction. Supported features: {@code predictedValue} (default), {@code predictedDisplayValue},
 * {@code probability} (of {@code value}, or of the predicted category when absent), {@code
 * entityId} (the scoring tree node's id) and {@code transformedValue} (an expression that may use
 * earlier OutputFields).
 *
 * @param finalResult false for {@code isFinalResult="false"}: an intermediate value that other
 *     fields or chained models use but that is not returned
 */
record OutputField(
    String name,
    String feature,
    DataType dataType,
    Object value,
    Expression expression,
    boolean finalResult) {
  static final List<String> FEATURES =
      List.of(
          "predictedValue", "predictedDisplayValue", "probability", "entityId", "transformedValue");

  static OutputField read(XmlElement e, Target target, Symbols symbols) {
    String name = e.required("name");
    String feature = e.choice("feature", "predictedValue", FEATURES);
    if (e.attribute("segmentId").isPresent()) {
      throw new PmmlException(e + ": attribute segmentId is not supported");
    }
    String targetField = e.attribute("targetField", target.name());
    if (targetField != null && !targetField.equals(target.name())) {
      throw new PmmlException(
          e
              + ": targetField='"
              + targetField
              + "' is not the model's target"
              + " ("
              + target.name()
              + ")");
    }
    DataType type =
        e.attribute("dataType").isPresent()
            ? DataType.of(e, "dataType")
            : switch (feature) {
              case "predictedValue" -> target.dataType();
              case "probability" -> DataType.DOUBLE;
              case "transformedValue" -> DataType.DOUBLE;
              default -> DataType.STRING;
            };
    Object value = null;
    if (feature.equals("probability") && e.attribute("value").isPresent()) {
      value = target.parse(e, e.required("value"));
    }
    Expression expression = null;
    if (feature.equals("transformedValue")) {
      expression = new ExpressionReader(symbols).read(ExpressionReader.single(e));
    } else {
      e.onlyChildren(List.of());
    }
    symbols.define(name, type);
    return new OutputField(
        name,
        feature,
        type,
        value,
        expression,
        !e.attribute("isFinalResult", "true").equals("false"));
  }

  /** This field's value for {@code prediction}; {@code scope} holds the earlier OutputFields. */
  Object compute(Prediction prediction, Scope scope) {
    Object result =
        switch (feature) {
          case "predictedValue" -> prediction.value();
          case "predictedDisplayValue" ->
              prediction.value() == null ? null : DataType.STRING.cast(prediction.value());
          case "probability" -> probability(prediction);
          case "entityId" -> prediction.entityId();
          default -> expression.evaluate(scope);
        };
    return dataType.cast(result);
  }

  private Double probability(Prediction prediction) {
    if (prediction.value() == null) {
      return null;
    }
    Object category = value == null ? prediction.value() : value;
    return prediction.probabilities().getOrDefault(category, 0.0);
  }
}
