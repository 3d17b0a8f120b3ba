package dev.kserve4j.runtime.pmml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kserve4j.common.testing.Required;
import dev.kserve4j.protocol.Datatype;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.protocol.TensorMetadata;
import dev.kserve4j.runtime.Model;
import dev.kserve4j.runtime.ModelSpec;
import dev.kserve4j.testing.TestModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * KServe's pmmlserver example (an rpart decision tree on iris, PMML 4.2, written by Rattle) gives
 * setosa with probability 1.0 for the row [5.1, 3.5, 1.4, 0.2], with the outputs pmmlserver
 * returns: the target {@code Species} and each OutputField, strings as BYTES and numbers as FP64.
 */
class KServeExamplesTest {

  private static Path example() {
    Path root = TestModels.repoRoot().resolve("../shared/fixtures/kserve-examples").normalize();
    Required.that(
        Files.isDirectory(root.resolve("pmml")),
        "KServe's example models are not at "
            + root
            + " (they are shared next to the repository,"
            + " not part of it)");
    return root.resolve("pmml");
  }

  @Test
  void setosaWithProbabilityOne() {
    Path dir = example();
    PmmlRuntimeProvider provider = new PmmlRuntimeProvider();
    assertThat(provider.canLoad(dir)).isTrue();
    try (Model model = provider.load(new ModelSpec("pmml", dir))) {
      InferResponse response =
          model.predict(
              "pmml",
              Tensor.ofFloats("input-0", new long[] {1, 4}, new float[] {5.1f, 3.5f, 1.4f, 0.2f}));

      assertThat(response.outputs())
          .extracting(Tensor::name)
          .containsExactly(
              "Species",
              "Probability_setosa",
              "Probability_versicolor",
              "Probability_virginica",
              "Node_Id");
      assertThat(response.outputs())
          .extracting(Tensor::datatype)
          .containsExactly(
              Datatype.BYTES, Datatype.FP64, Datatype.FP64, Datatype.FP64, Datatype.BYTES);
      assertThat(text(response.output("Species").orElseThrow())).isEqualTo("setosa");
      assertThat(response.output("Probability_setosa").orElseThrow().doubles())
          .containsExactly(1.0);
      assertThat(response.output("Probability_versicolor").orElseThrow().doubles())
          .containsExactly(0.0);
      assertThat(text(response.output("Node_Id").orElseThrow())).isEqualTo("2");
      assertThat(model.metadata().inputs())
          .containsExactly(new TensorMetadata("input-0", Datatype.FP64, new long[] {-1, 4}));
      assertThat(model.metadata().outputs().get(0))
          .isEqualTo(new TensorMetadata("Species", Datatype.BYTES, new long[] {-1}));
    }
  }

  @Test
  void kserveRequestRowsFollowTheTree() {
    // Rows of KServe's iris_input.json: petal length >= 2.45 and petal width < 1.75 is node 6,
    // whose ScoreDistribution counts 49 versicolor of 54 records (its confidence attribute is not
    // a probability, PMML 4.4 "ScoreDistribution").
    try (Model model = new PmmlRuntimeProvider().load(new ModelSpec("pmml", example()))) {
      InferResponse response =
          model.predict(
              "pmml",
              Tensor.ofDoubles(
                  "input-0",
                  new long[] {2, 4},
                  new double[] {6.8, 2.8, 4.8, 1.4, 6.0, 3.4, 4.5, 1.6}));
      Tensor species = response.output("Species").orElseThrow();
      assertThat(species.shape()).containsExactly(2);
      assertThat(new String(species.bytes()[1], StandardCharsets.UTF_8)).isEqualTo("versicolor");
      assertThat(response.output("Probability_versicolor").orElseThrow().doubles())
          .containsExactly(49.0 / 54, 49.0 / 54);
      assertThat(text(response.output("Node_Id").orElseThrow())).isEqualTo("6");
    }
  }

  private static String text(Tensor t) {
    return new String(t.bytes()[0], StandardCharsets.UTF_8);
  }
}
