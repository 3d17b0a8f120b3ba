package dev.kserve4j.runtime.xgboost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.protocol.TensorMetadata;
import dev.kserve4j.runtime.Model;
import dev.kserve4j.runtime.ModelSpec;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Our predictions against XGBoost 1.7's own on the models of {@code generate_trees.py}, for all
 * three file formats and both predictors, within the tolerance stated in each expected.json.
 */
class XGBoostGoldenTest {
  private final XGBoostRuntimeProvider provider = new XGBoostRuntimeProvider();

  @ParameterizedTest(name = "{0} predictor={1}")
  @CsvSource({
    "iris-xgboost, native", "iris-xgboost, auto",
    "iris-xgboost-ubj, native", "iris-xgboost-ubj, auto",
    "iris-xgboost-bst, native", "iris-xgboost-bst, auto",
    "iris-xgboost-binary, native", "iris-xgboost-binary, auto",
    "iris-xgboost-binary-ubj, native", "iris-xgboost-binary-bst, auto",
    "iris-xgboost-regression, native", "iris-xgboost-regression, auto",
    "iris-xgboost-regression-ubj, auto", "iris-xgboost-regression-bst, native",
  })
  void matchesXGBoost(String name, String predictor) {
    Golden golden = Golden.of(name);
    ModelSpec spec = new ModelSpec(name, "1", golden.directory(), Map.of("predictor", predictor));
    try (Model model = provider.load(spec)) {
      assertThat(((XGBoostModel) model).predictorKind())
          .isEqualTo(predictor.equals("auto") ? "java" : "xgboost4j");
      InferResponse response = model.predict(name, golden.input());

      Tensor output = response.outputs().get(0);
      assertThat(response.outputs()).hasSize(1);
      assertThat(output.name()).isEqualTo(golden.output().name());
      assertThat(output.datatype()).isEqualTo(golden.output().datatype());
      assertThat(output.shape()).containsExactly(golden.output().shape());
      float[] expected = golden.output().floats();
      for (int i = 0; i < expected.length; i++) {
        assertThat(output.floats()[i])
            .as("output element %d", i)
            .isCloseTo(expected[i], within((float) golden.tolerance()));
      }
      TensorMetadata in = model.metadata().inputs().get(0);
      TensorMetadata out = model.metadata().outputs().get(0);
      assertThat(model.metadata().platform()).isEqualTo("xgboost");
      assertThat(model.metadata().versions()).containsExactly("1");
      assertThat(in.name()).isEqualTo(golden.metadata().at("/inputs/0/name").asText());
      assertThat(in.shape()).containsExactly(longs(golden.metadata().at("/inputs/0/shape")));
      assertThat(out.name()).isEqualTo(golden.metadata().at("/outputs/0/name").asText());
      assertThat(out.shape()).containsExactly(longs(golden.metadata().at("/outputs/0/shape")));
    }
  }

  private static long[] longs(JsonNode array) {
    long[] out = new long[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asLong();
    }
    return out;
  }
}
