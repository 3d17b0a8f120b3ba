package dev.kserve4j.runtime.lightgbm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.kserve4j.common.testing.Required;
import dev.kserve4j.protocol.Datatype;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.runtime.Model;
import dev.kserve4j.runtime.ModelSpec;
import dev.kserve4j.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * KServe's lgbserver example (iris, multiclass, model.bst in LightGBM's text format) answers the V2
 * request of lgbserver's own unit test (python/lgbserver/lgbserver/test_model.py, KServe commit
 * aaac4e2) with the probabilities that test expects, FP64 of shape [2, 3].
 */
class KServeExampleTest {

  @Test
  void answersLikeLgbserver() {
    Path root = TestModels.repoRoot().resolve("../shared/fixtures/kserve-examples").normalize();
    Required.that(
        Files.isDirectory(root.resolve("lightgbm")),
        "KServe's example models are not at " + root + " (shared next to the repository)");
    LightGBMRuntimeProvider provider = new LightGBMRuntimeProvider();
    assertThat(provider.canLoad(root.resolve("lightgbm"))).isTrue();
    assertThat(provider.canLoad(root.resolve("xgboost-bst"))).isFalse();
    try (Model model = provider.load(new ModelSpec("iris", root.resolve("lightgbm")))) {
      Tensor input =
          Tensor.ofFloats(
              "input-0",
              new long[] {2, 4},
              new float[] {6.8f, 2.8f, 4.8f, 1.6f, 6.0f, 3.4f, 4.5f, 1.6f});
      Tensor out = model.predict("iris", input).outputs().get(0);

      assertThat(out.name()).isEqualTo("output-0");
      assertThat(out.datatype()).isEqualTo(Datatype.FP64);
      assertThat(out.shape()).containsExactly(2, 3);
      // lgbserver builds a float32 numpy array for FP32 inputs, then LightGBM widens it to double.
      assertThat(out.doubles())
          .containsExactly(
              new double[] {
                3.7899802486733807e-06, 0.9996982074114203, 0.00029800260833088297,
                5.2172911836629736e-05, 0.99973341723876, 0.000214409849403366
              },
              within(1e-9));
    }
  }
}
