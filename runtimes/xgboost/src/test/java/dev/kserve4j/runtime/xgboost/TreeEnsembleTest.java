package dev.kserve4j.runtime.xgboost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.runtime.Model;
import dev.kserve4j.runtime.ModelSpec;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Java evaluator against xgboost4j on many random rows (with missing values, and values on
 * split thresholds), for boosters of each covered objective trained by xgboost4j; boosters it does
 * not cover must stay on xgboost4j. Agreement within float rounding: {@value #TOLERANCE} times
 * max(1, |value|).
 */
class TreeEnsembleTest {
  static final double TOLERANCE = 1e-6;
  private static final int ROWS = 2000;
  private final XGBoostRuntimeProvider provider = new XGBoostRuntimeProvider();

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "reg:squarederror",
        "reg:absoluteerror",
        "reg:pseudohubererror",
        "reg:logistic",
        "binary:logistic",
        "binary:logitraw",
        "count:poisson",
        "reg:gamma",
        "reg:tweedie",
        "rank:pairwise",
        "multi:softprob",
        "multi:softmax"
      })
  void agreesWithXGBoost(String objective) throws Exception {
    Map<String, Object> params =
        objective.startsWith("multi:")
            ? Map.of("objective", objective, "num_class", 3)
            : Map.of("objective", objective);
    TrainedBoosters.train(dir, params);
    compare(dir, "java");
  }

  @ParameterizedTest
  @CsvSource({"gblinear", "dart"})
  void otherBoostersStayNative(String booster) throws Exception {
    TrainedBoosters.train(dir, Map.of("objective", "reg:squarederror", "booster", booster));
    compare(dir, "xgboost4j");
  }

  private void compare(Path model, String expectedKind) {
    try (Model reference = provider.load(spec(model, "native"));
        Model candidate = provider.load(spec(model, "auto"))) {
      assertThat(((XGBoostModel) candidate).predictorKind()).isEqualTo(expectedKind);
      float[] rows = TrainedBoosters.randomRows(new Random(7), ROWS);
      Tensor input = Tensor.ofFloats("x", new long[] {ROWS, TrainedBoosters.FEATURES}, rows);
      Tensor expected = reference.predict("m", input).outputs().get(0);
      Tensor actual = candidate.predict("m", input).outputs().get(0);
      assertThat(actual.shape()).containsExactly(expected.shape());
      assertThat(PredictorSelector.firstMismatch(expected.floats(), actual.floats()))
          .as("first differing output")
          .isEqualTo(-1);
      for (int i = 0; i < expected.size(); i++) {
        float e = expected.floats()[i];
        assertThat((double) Math.abs(actual.floats()[i] - e))
            .as("output %d", i)
            .isLessThanOrEqualTo(TOLERANCE * Math.max(1, Math.abs(e)));
      }
    }
  }

  private static ModelSpec spec(Path model, String predictor) {
    return new ModelSpec("m", null, model, Map.of("predictor", predictor));
  }
}
