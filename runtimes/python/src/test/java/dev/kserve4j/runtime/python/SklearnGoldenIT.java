package dev.kserve4j.runtime.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kserve4j.common.ErrorKind;
import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.runtime.ModelSpec;
import dev.kserve4j.testing.TestModels;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Serves the models written by testing/fixtures/generate_sklearn.py and compares with what
 * scikit-learn returned when they were written, within the tolerance in expected.json (1e-9).
 */
class SklearnGoldenIT {
  private final SklearnRuntimeProvider provider = new SklearnRuntimeProvider();

  @BeforeAll
  static void needsSklearn() {
    TestPython.assumeSklearn();
  }

  @ParameterizedTest
  @ValueSource(strings = {"iris-sklearn-joblib", "iris-sklearn-pkl", "mixed-sklearn-pickle"})
  void predictMatchesScikitLearn(String name) throws IOException {
    JsonNode expected = expected(name);
    try (PythonModel model = provider.load(new ModelSpec(name, TestModels.directory(name)))) {
      Tensor out = model.predict(request(name, expected)).outputs().get(0);
      assertClose(out, TestPython.tensor(expected.get("predict")), expected);
      assertThat(model.metadata().platform()).isEqualTo("sklearn");
      assertThat(model.batchable()).isTrue();
    }
  }

  @Test
  void predictProbaWhenConfiguredAsKServeDoes() throws IOException {
    String name = "iris-sklearn-joblib";
    JsonNode expected = expected(name);
    ModelSpec spec =
        new ModelSpec(name, null, TestModels.directory(name), Map.of("PREDICT_PROBA", "true"));
    try (PythonModel model = provider.load(spec)) {
      Tensor out = model.predict(request(name, expected)).outputs().get(0);
      assertClose(out, TestPython.tensor(expected.get("predict_proba")), expected);
    }
  }

  @Test
  void predictProbaOnARegressorIsALoadError() {
    String name = "iris-sklearn-pkl";
    ModelSpec spec =
        new ModelSpec(name, null, TestModels.directory(name), Map.of("method", "predict_proba"));
    assertThatThrownBy(() -> provider.load(spec))
        .hasMessageContaining("method predict_proba: RandomForestRegressor has no predict_proba");
  }

  @Test
  void wrongNumberOfFeaturesIsABadRequestNamingTheInput() {
    String name = "iris-sklearn-joblib";
    try (PythonModel model = provider.load(new ModelSpec(name, TestModels.directory(name)))) {
      Tensor three = Tensor.ofDoubles("features", new long[] {1, 3}, new double[] {1, 2, 3});
      assertThatThrownBy(() -> model.predict(InferRequest.of(name, three)))
          .isInstanceOfSatisfying(
              KServeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT))
          .hasMessageContaining("input 'features'")
          .hasMessageContaining("3 features");
      Tensor rank3 = Tensor.ofDoubles("features", new long[] {1, 1, 4}, new double[4]);
      assertThatThrownBy(() -> model.predict(InferRequest.of(name, rank3)))
          .hasMessage(
              "input 'features': shape [1, 1, 4] has rank 3 (expected [rows, features]"
                  + " or one row [features])");
      Tensor ok =
          Tensor.ofDoubles("features", new long[] {1, 4}, new double[] {6.8, 2.8, 4.8, 1.4});
      assertThat(model.predict(InferRequest.of(name, ok)).outputs().get(0).longs()).hasSize(1);
    }
  }

  private static InferRequest request(String name, JsonNode expected) {
    return InferRequest.of(name, TestPython.tensors(expected.get("inputs")).toArray(Tensor[]::new));
  }

  private static void assertClose(Tensor actual, Tensor expected, JsonNode golden) {
    double tolerance = golden.get("tolerance").asDouble();
    assertThat(actual.name()).isEqualTo("output-0");
    assertThat(actual.datatype()).isEqualTo(expected.datatype());
    assertThat(actual.shape()).containsExactly(expected.shape());
    for (int i = 0; i < expected.size(); i++) {
      assertThat(actual.getAsDouble(i))
          .as("output-0[%d]", i)
          .isCloseTo(expected.getAsDouble(i), within(tolerance));
    }
  }

  private static JsonNode expected(String name) throws IOException {
    return new ObjectMapper().readTree(TestModels.file(name, "expected.json").toFile());
  }
}
