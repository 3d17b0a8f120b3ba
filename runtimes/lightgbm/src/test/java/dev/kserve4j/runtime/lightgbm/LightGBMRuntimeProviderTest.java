package dev.kserve4j.runtime.lightgbm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kserve4j.common.ErrorKind;
import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.Datatype;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.runtime.Model;
import dev.kserve4j.runtime.ModelLoadException;
import dev.kserve4j.runtime.ModelRuntimes;
import dev.kserve4j.runtime.ModelSpec;
import dev.kserve4j.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Detection, load failures and bad requests; a model keeps serving after a bad request. */
class LightGBMRuntimeProviderTest {
  private final LightGBMRuntimeProvider provider = new LightGBMRuntimeProvider();
  @TempDir Path dir;

  @Test
  void isFoundThroughServiceLoaderAndDetectsTextModels() throws Exception {
    assertThat(ModelRuntimes.discover(getClass().getClassLoader()).require("lightgbm"))
        .isInstanceOf(LightGBMRuntimeProvider.class);
    assertThat(provider.platform()).isEqualTo("lightgbm");
    assertThat(provider.canLoad(dir)).isFalse();
    assertThat(provider.canLoad(TestModels.directory("iris-xgboost-bst"))).isFalse();
    TrainedModels.train(dir, "binary").close();
    Files.move(dir.resolve("model.txt"), dir.resolve("churn.bst"));
    Files.writeString(dir.resolve("notes.txt"), "not a model\n");
    assertThat(provider.canLoad(dir)).isTrue();
    assertThat(LightGBMRuntimeProvider.FILES.find(dir)).contains(dir.resolve("churn.bst"));
  }

  @Test
  void corruptModelIsALoadErrorNamingTheFile() throws Exception {
    Files.writeString(dir.resolve("model.txt"), "tree\nversion=v4\nnum_class=banana\n");
    assertThatThrownBy(() -> provider.load(new ModelSpec("m", dir)))
        .isInstanceOfSatisfying(
            ModelLoadException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE))
        .hasMessageStartingWith(
            "model 'm': cannot load "
                + dir.resolve("model.txt")
                + ": not a readable LightGBM model");
  }

  @Test
  void missingModelAndBadOptionsAreLoadErrors() throws Exception {
    assertThatThrownBy(() -> provider.load(new ModelSpec("m", dir)))
        .isInstanceOf(ModelLoadException.class)
        .hasMessage(
            "model 'm': no model file matching *.txt/*.bst starting with 'tree' in "
                + dir
                + " (found: nothing)");
    TrainedModels.train(dir, "binary").close();
    assertThatThrownBy(() -> provider.load(new ModelSpec("m", null, dir, Map.of("nthread", "-2"))))
        .isInstanceOf(ModelLoadException.class)
        .hasMessage("model 'm': option nthread=-2 (expected >= 1)");
  }

  @Test
  void badRequestsAreInvalidInputAndTheModelStillServes() throws Exception {
    TrainedModels.train(dir, "multiclass").close();
    try (Model model = provider.load(new ModelSpec("m", dir))) {
      assertInvalid(
          model,
          Tensor.ofDoubles("x", new long[] {2, 5}, new double[10]),
          "input 'x': shape [2, 5] but the model expects 4 features");
      assertInvalid(
          model,
          new Tensor("x", Datatype.BYTES, new long[] {1, 1}, new byte[][] {{1}}),
          "input 'x': datatype BYTES (expected a numeric datatype");
      assertInvalid(
          model,
          Tensor.ofDoubles("x", new long[] {1, 1, 4}, new double[4]),
          "input 'x': shape [1, 1, 4] has rank 3 (expected [rows, 4] or one row [4])");
      Tensor a = Tensor.ofDoubles("a", new long[] {1, 4}, new double[4]);
      assertThatThrownBy(
              () ->
                  model.predict(
                      new InferRequest(null, "m", null, List.of(a, a.withName("b")), null, null)))
          .hasMessage(
              "request has 2 input tensors [a, b] (expected exactly one, of shape" + " [rows, 4])");

      Tensor ints = Tensor.ofInts("x", new long[] {2, 4}, new int[] {1, 0, -1, 2, 0, 0, 0, 0});
      assertThat(model.predict("m", ints).outputs().get(0).shape()).containsExactly(2, 3);
      Tensor none = Tensor.ofDoubles("x", new long[] {0, 4}, new double[0]);
      assertThat(model.predict("m", none).outputs().get(0).shape()).containsExactly(0, 3);
    }
  }

  private static void assertInvalid(Model model, Tensor input, String message) {
    assertThatThrownBy(() -> model.predict("m", input))
        .isInstanceOfSatisfying(
            KServeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT))
        .hasMessageStartingWith(message);
  }
}
