package dev.kserve4j.runtime.xgboost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.runtime.Model;
import dev.kserve4j.runtime.ModelSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One model called from 8 threads at once gives, for every request, exactly what it gives when
 * called alone: for both predictors of a tree booster and for the locked gblinear path.
 */
class XGBoostConcurrencyTest {
  private static final int THREADS = 8;
  private static final int CALLS = 200;
  @TempDir Path dir;

  @ParameterizedTest(name = "{0} predictor={1}")
  @CsvSource({"gbtree, native", "gbtree, auto", "gblinear, native"})
  void concurrentCallsMatchSequentialOnes(String booster, String predictor) throws Exception {
    TrainedBoosters.train(
        dir, Map.of("objective", "multi:softprob", "num_class", 3, "booster", booster));
    Random random = new Random(3);
    List<Tensor> inputs = new ArrayList<>();
    for (int i = 0; i < THREADS * CALLS; i++) {
      int rows = 1 + random.nextInt(4);
      inputs.add(
          Tensor.ofFloats(
              "x",
              new long[] {rows, TrainedBoosters.FEATURES},
              TrainedBoosters.randomRows(random, rows)));
    }
    try (Model model =
            new XGBoostRuntimeProvider()
                .load(new ModelSpec("m", null, dir, Map.of("predictor", predictor)));
        ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
      List<float[]> sequential = new ArrayList<>();
      for (Tensor input : inputs) {
        sequential.add(model.predict("m", input).outputs().get(0).floats());
      }
      List<Future<float[]>> concurrent = new ArrayList<>();
      for (Tensor input : inputs) {
        concurrent.add(pool.submit(() -> model.predict("m", input).outputs().get(0).floats()));
      }
      for (int i = 0; i < inputs.size(); i++) {
        assertThat(concurrent.get(i).get(120, TimeUnit.SECONDS))
            .as("request %d", i)
            .containsExactly(sequential.get(i));
      }
    }
  }
}
