package dev.kserve4j.runtime.xgboost;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses between the Java evaluator and xgboost4j for one model.
 *
 * <p>The Java evaluator is used only when it covers the model and, on {@value #PROBE_ROWS} probe
 * rows (see {@link ProbeRows}), agrees with xgboost4j within float rounding ({@value #TOLERANCE},
 * relative to the value's magnitude when above 1); xgboost4j stays the reference and serves
 * everything else. The choice and its reason are logged once per load.
 */
final class PredictorSelector {
  static final int PROBE_ROWS = 256;
  static final double TOLERANCE = 1e-5;
  private static final Logger LOG = LoggerFactory.getLogger(PredictorSelector.class);

  private PredictorSelector() {}

  /**
   * The predictor for the model; closes {@code reference} when the Java evaluator replaces it.
   *
   * @param allowJava false when the {@code predictor=native} option forces xgboost4j
   */
  static TreePredictor select(
      String model,
      JsonNode document,
      BoosterConfig config,
      NativePredictor reference,
      boolean allowJava) {
    if (!allowJava) {
      LOG.info("model '{}': predictor xgboost4j (option predictor=native)", model);
      return reference;
    }
    TreeEnsemble ensemble;
    try {
      ensemble = TreeEnsembleReader.read(document, config);
    } catch (IllegalArgumentException e) {
      LOG.info(
          "model '{}': predictor xgboost4j (the Java evaluator does not cover {})",
          model,
          e.getMessage());
      return reference;
    }
    int columns = config.numFeature();
    float[] rows = ProbeRows.of(ensemble, PROBE_ROWS, columns, model.hashCode());
    float[] expected = reference.predict(rows, PROBE_ROWS, columns);
    float[] actual = ensemble.predict(rows, PROBE_ROWS, columns);
    if (actual.length != expected.length) {
      LOG.warn(
          "model '{}': predictor xgboost4j (the Java evaluator gives {} values per row where"
              + " xgboost4j gives {})",
          model,
          ensemble.width(),
          expected.length / PROBE_ROWS);
      return reference;
    }
    int mismatch = firstMismatch(expected, actual);
    if (mismatch >= 0) {
      LOG.warn(
          "model '{}': predictor xgboost4j (on probe output {} the Java evaluator gave {}"
              + " where xgboost4j gave {})",
          model,
          mismatch,
          actual[mismatch],
          expected[mismatch]);
      return reference;
    }
    LOG.info(
        "model '{}': predictor java ({} trees, {}; agrees with xgboost4j on {} probe rows)",
        model,
        ensemble.treeCount(),
        config.objective(),
        PROBE_ROWS);
    reference.close();
    return ensemble;
  }

  /** The first index where the outputs differ by more than the tolerance, or -1; same lengths. */
  static int firstMismatch(float[] expected, float[] actual) {
    for (int i = 0; i < expected.length; i++) {
      double scale = Math.max(1, Math.abs(expected[i]));
      if (!(Math.abs(expected[i] - actual[i]) <= TOLERANCE * scale)) {
        return i;
      }
    }
    return -1;
  }
}
