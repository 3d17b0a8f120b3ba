package dev.kserve4j.runtime.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.kserve4j.common.testing.Required;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.runtime.ModelSpec;
import dev.kserve4j.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * KServe's own sklearnserver example models (../shared/fixtures/kserve-examples) give the answers
 * KServe's end-to-end tests expect.
 */
class KServeExamplesIT {
  private static final double[] IRIS = {6.8, 2.8, 4.8, 1.4, 6.0, 3.4, 4.5, 1.6};
  private final SklearnRuntimeProvider provider = new SklearnRuntimeProvider();

  @BeforeAll
  static void needsFixturesAndSklearn() {
    Required.that(
        Files.isDirectory(examples()),
        "KServe's example models are not at " + examples() + " (the shared fixtures folder)");
    TestPython.assumeSklearn();
  }

  static Path examples() {
    return TestModels.repoRoot().resolve("../shared/fixtures/kserve-examples").normalize();
  }

  @ParameterizedTest
  @ValueSource(strings = {"sklearn-joblib", "sklearn-pickle"})
  void irisRowsAreClassOne(String folder) {
    try (PythonModel model = provider.load(new ModelSpec(folder, examples().resolve(folder)))) {
      InferResponse response =
          model.predict(
              InferRequest.of(folder, Tensor.ofDoubles("input-0", new long[] {2, 4}, IRIS)));
      Tensor out = response.outputs().get(0);
      assertThat(out.name()).isEqualTo("output-0");
      assertThat(out.shape()).containsExactly(2);
      assertThat(out.longs()).containsExactly(1, 1);
    }
  }

  @Test
  void mixedTypeRowSentAsNamedColumns() {
    String folder = "sklearn-mixedtype";
    try (PythonModel model = provider.load(new ModelSpec(folder, examples().resolve(folder)))) {
      InferResponse response =
          model.predict(
              InferRequest.of(
                  folder,
                  text("MSZoning", "RL"),
                  Tensor.ofLongs("LotArea", new long[] {1}, new long[] {8450}),
                  text("LotShape", "Reg"),
                  text("Utilities", "AllPub"),
                  Tensor.ofLongs("YrSold", new long[] {1}, new long[] {2008}),
                  text("Neighborhood", "CollgCr"),
                  Tensor.ofLongs("OverallQual", new long[] {1}, new long[] {7}),
                  Tensor.ofLongs("YearBuilt", new long[] {1}, new long[] {2003}),
                  text("SaleType", "WD"),
                  Tensor.ofLongs("GarageArea", new long[] {1}, new long[] {548})));
      Tensor out = response.outputs().get(0);
      assertThat(out.shape()).containsExactly(1);
      assertThat(out.getAsDouble(0)).isCloseTo(12.202832815138274, within(1e-9));
    }
  }

  private static Tensor text(String name, String value) {
    return new Tensor(
        name, dev.kserve4j.protocol.Datatype.BYTES, new long[] {1}, TestPython.strings(value));
  }
}
