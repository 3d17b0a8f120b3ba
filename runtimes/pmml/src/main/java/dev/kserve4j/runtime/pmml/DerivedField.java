package dev.kserve4j.runtime.pmml;

import dev.kserve4j.common.KServeException;

/**
 * A {@code DerivedField} of a TransformationDictionary or LocalTransformations: an expression whose
 * value is converted to the declared data type (so that, e.g., a {@code float} field holds values
 * rounded to single precision, as XGBoost and LightGBM exports rely on).
 */
record DerivedField(String name, DataType dataType, Expression expression) {

  Object evaluate(Scope scope) {
    Object value = expression.evaluate(scope);
    try {
      return dataType.cast(value);
    } catch (IllegalArgumentException e) {
      throw KServeException.invalidInput(
          "derived field '"
              + name
              + "': "
              + e.getMessage()
              + " (expected a "
              + dataType.label()
              + ")");
    }
  }
}
