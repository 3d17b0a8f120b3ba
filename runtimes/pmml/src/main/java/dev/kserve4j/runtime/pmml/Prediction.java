package dev.kserve4j.runtime.pmml;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a model predicts for one row.
 *
 * @param value the predicted value (a {@link Double} for regression, the category for
 *     classification), or {@code null} when the model makes no prediction
 * @param probabilities for classification, the probability of each category in the target's
 *     category order; empty for regression
 * @param entityId the id of the tree node that scored, or {@code null}
 */
record Prediction(Object value, Map<Object, Double> probabilities, String entityId) {
  static final Prediction MISSING = new Prediction(null, Map.of(), null);

  static Prediction regression(double value) {
    return new Prediction(value, Map.of(), null);
  }

  /**
   * A classification whose value is {@code value}, or the most probable category (the first of
   * equally probable ones) when {@code value} is null.
   */
  static Prediction classification(
      Map<Object, Double> probabilities, Object value, String entityId) {
    Object winner = value;
    if (winner == null) {
      double best = Double.NEGATIVE_INFINITY;
      for (Map.Entry<Object, Double> e : probabilities.entrySet()) {
        if (e.getValue() > best) {
          best = e.getValue();
          winner = e.getKey();
        }
      }
    }
    return new Prediction(
        winner, Collections.unmodifiableMap(new LinkedHashMap<>(probabilities)), entityId);
  }

  Prediction withValue(Object newValue) {
    return new Prediction(newValue, probabilities, entityId);
  }
}
