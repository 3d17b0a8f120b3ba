package dev.kserve4j.runtime.lightgbm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.runtime.Model;
import dev.kserve4j.runtime.ModelSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One multiclass model called from 8 threads at once, mostly with single rows (so the guarded fast
 * path is contended and callers also take the general path), gives for every request exactly what
 * it gives when called alone.
 */
class LightGBMConcurrencyTest {
  private static final int THREADS = 8;
  private static final int CALLS = 300;
  @TempDir Path dir;

  @Test
  void concurrentCallsMatchSequentialOnes() throws Exception {
    TrainedModels.train(dir, "multiclass").close();
    Random random = new Random(4);
    List<Tensor> inputs = new ArrayList<>();
    for (int i = 0; i < THREADS * CALLS; i++) {
      int rows = random.nextInt(4) == 0 ? 2 + random.nextInt(5) : 1;
      inputs.add(
          Tensor.ofDoubles(
              "x",
              new long[] {rows, TrainedModels.FEATURES},
              TrainedModels.randomRows(random, rows)));
    }
    try (Model model = new LightGBMRuntimeProvider().load(new ModelSpec("m", dir));
        ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
      List<double[]> sequential = new ArrayList<>();
      for (Tensor input : inputs) {
        sequential.add(model.predict("m", input).outputs().get(0).doubles());
      }
      List<Future<double[]>> concurrent = new ArrayList<>();
      for (Tensor input : inputs) {
        concurrent.add(pool.submit(() -> model.predict("m", input).outputs().get(0).doubles()));
      }
      for (int i = 0; i < inputs.size(); i++) {
        assertThat(concurrent.get(i).get(120, TimeUnit.SECONDS))
            .as("request %d", i)
            .containsExactly(sequential.get(i));
      }
    }
  }
}
