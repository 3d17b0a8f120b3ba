package dev.kserve4j.runtime.xgboost;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kserve4j.protocol.Datatype;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.runtime.Model;
import dev.kserve4j.runtime.ModelSpec;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * KServe's xgbserver example booster (iris, {@code multi:softmax}) in its three formats, written by
 * KServe's own tooling, gives the class ids XGBoost gives (reference-outputs.json) for the rows of
 * KServe's iris request (inputs/iris_input.json).
 */
class KServeExamplesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest(name = "{0} predictor={1}")
  @CsvSource({
    "xgboost-bst, native",
    "xgboost-bst, auto",
    "xgboost-json, native",
    "xgboost-json, auto",
    "xgboost-ubj, native",
    "xgboost-ubj, auto"
  })
  void predictsLikeXGBoost(String example, String predictor) throws Exception {
    Path root = KServeExamples.root();
    JsonNode reference =
        JSON.readTree(root.resolve("reference-outputs.json").toFile()).path(example);
    JsonNode instances =
        JSON.readTree(root.resolve("inputs/iris_input.json").toFile()).path("instances");
    int features = reference.path("num_features").asInt();
    float[] rows = new float[instances.size() * features];
    for (int r = 0; r < instances.size(); r++) {
      for (int f = 0; f < features; f++) {
        rows[r * features + f] = (float) instances.get(r).get(f).asDouble();
      }
    }
    XGBoostRuntimeProvider provider = new XGBoostRuntimeProvider();
    assertThat(provider.canLoad(root.resolve(example))).isTrue();
    ModelSpec spec =
        new ModelSpec("iris", null, root.resolve(example), Map.of("predictor", predictor));
    try (Model model = provider.load(spec)) {
      Tensor input =
          Tensor.ofDoubles("input-0", new long[] {instances.size(), features}, toDoubles(rows));
      Tensor output = model.predict("iris", input).outputs().get(0);

      assertThat(output.name()).isEqualTo("output-0");
      assertThat(output.datatype()).isEqualTo(Datatype.FP32);
      assertThat(output.shape()).containsExactly(instances.size());
      float[] expected = new float[reference.path("predict").size()];
      for (int i = 0; i < expected.length; i++) {
        expected[i] = (float) reference.path("predict").get(i).asDouble();
      }
      assertThat(output.floats()).containsExactly(expected);
    }
  }

  private static double[] toDoubles(float[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i];
    }
    return out;
  }
}
