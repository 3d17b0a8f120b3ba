package dev.kserve4j.runtime.lightgbm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.microsoft.ml.lightgbm.PredictionType;
import dev.kserve4j.protocol.Datatype;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.runtime.Model;
import dev.kserve4j.runtime.ModelSpec;
import io.github.metarank.lightgbm4j.LGBMBooster;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Predictions of models trained by lightgbm4j: equal to lightgbm4j's own for one-value-per-row
 * objectives (its {@code predictForMat} is only safe for those), and for every objective the
 * single-row fast path equals the batch path. Tolerance: {@value #TOLERANCE} (same native code).
 */
class LightGBMModelTest {
  static final double TOLERANCE = 1e-12;
  private static final int ROWS = 300;
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"binary", "regression"})
  void matchesLightgbm4j(String objective) throws Exception {
    double[] rows = TrainedModels.randomRows(new Random(5), ROWS);
    double[] expected;
    try (LGBMBooster trained = TrainedModels.train(dir, objective)) {
      expected =
          trained.predictForMat(
              rows, ROWS, TrainedModels.FEATURES, true, PredictionType.C_API_PREDICT_NORMAL);
    }
    try (Model model = new LightGBMRuntimeProvider().load(new ModelSpec("m", dir))) {
      Tensor out = model.predict("m", input(rows, ROWS)).outputs().get(0);
      assertThat(out.datatype()).isEqualTo(Datatype.FP64);
      assertThat(out.shape()).containsExactly(ROWS);
      assertThat(out.doubles()).containsExactly(expected, within(TOLERANCE));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"binary", "regression", "multiclass"})
  void singleRowsEqualTheBatch(String objective) throws Exception {
    TrainedModels.train(dir, objective).close();
    double[] rows = TrainedModels.randomRows(new Random(6), ROWS);
    try (Model model = new LightGBMRuntimeProvider().load(new ModelSpec("m", dir))) {
      double[] batch = model.predict("m", input(rows, ROWS)).outputs().get(0).doubles();
      int width = batch.length / ROWS;
      assertThat(width).isEqualTo(objective.equals("multiclass") ? 3 : 1);
      for (int r = 0; r < ROWS; r++) {
        double[] row = Arrays.copyOfRange(rows, r * 4, r * 4 + 4);
        Tensor one = Tensor.ofDoubles("x", new long[] {4}, row);
        assertThat(model.predict("m", one).outputs().get(0).doubles())
            .as("row %d", r)
            .containsExactly(
                Arrays.copyOfRange(batch, r * width, r * width + width), within(TOLERANCE));
      }
    }
  }

  @Test
  void multiclassGivesProbabilitiesPerClass() throws Exception {
    TrainedModels.train(dir, "multiclass").close();
    try (Model model = new LightGBMRuntimeProvider().load(new ModelSpec("m", dir))) {
      assertThat(model.metadata().outputs().get(0).shape()).containsExactly(-1, 3);
      assertThat(model.metadata().inputs().get(0).shape()).containsExactly(-1, 4);
      double[] rows = TrainedModels.randomRows(new Random(8), 50);
      Tensor out = model.predict("m", input(rows, 50)).outputs().get(0);
      assertThat(out.shape()).containsExactly(50, 3);
      for (int r = 0; r < 50; r++) {
        double sum = out.doubles()[3 * r] + out.doubles()[3 * r + 1] + out.doubles()[3 * r + 2];
        assertThat(sum).as("row %d", r).isCloseTo(1.0, within(1e-9));
      }
    }
  }

  static Tensor input(double[] rows, int n) {
    return Tensor.ofDoubles("input-0", new long[] {n, TrainedModels.FEATURES}, rows);
  }
}
