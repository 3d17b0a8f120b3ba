package dev.kserve4j.runtime.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kserve4j.common.ErrorKind;
import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.Datatype;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.protocol.TensorMetadata;
import dev.kserve4j.runtime.ModelSpec;
import dev.kserve4j.testing.GoldenCase;
import dev.kserve4j.testing.TestModels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Predictions on the iris model: metadata, input validation and concurrent use. */
class OnnxModelTest {
  private final OnnxModel iris =
      new OnnxRuntimeProvider()
          .load(new ModelSpec("iris", "3", TestModels.directory("iris-onnx"), Map.of()));

  @AfterEach
  void close() {
    iris.close();
  }

  @Test
  void metadataReportsDynamicBatchAsMinusOne() {
    assertThat(iris.metadata().versions()).containsExactly("3");
    assertThat(iris.metadata().inputs())
        .containsExactly(new TensorMetadata("float_input", Datatype.FP32, new long[] {-1, 4}));
    assertThat(iris.metadata().outputs())
        .containsExactly(
            new TensorMetadata("label", Datatype.INT64, new long[] {-1}),
            new TensorMetadata("probabilities", Datatype.FP32, new long[] {-1, 3}));
  }

  @Test
  void oneRowGivesShapesOfBatchOne() {
    InferResponse response = iris.predict("iris", row(6.3f, 3.3f, 6.0f, 2.5f));

    assertThat(response.output("label").orElseThrow().shape()).containsExactly(1);
    assertThat(response.output("label").orElseThrow().longs()).containsExactly(2);
    Tensor probabilities = response.output("probabilities").orElseThrow();
    assertThat(probabilities.shape()).containsExactly(1, 3);
    float sum = 0;
    for (float p : probabilities.floats()) {
      sum += p;
    }
    assertThat(sum).isCloseTo(1f, org.assertj.core.api.Assertions.within(1e-6f));
  }

  @Test
  void unknownInputIsRejectedListingTheExpectedNames() {
    Tensor wrong = Tensor.ofFloats("input", new long[] {1, 4}, new float[4]);

    assertInvalid(
        () -> iris.predict("iris", wrong),
        "unknown input 'input' (expected inputs: [float_input])");
  }

  @Test
  void missingInputIsRejected() {
    assertInvalid(() -> iris.predict("iris"), "missing input 'float_input'");
  }

  @Test
  void repeatedInputIsRejected() {
    assertInvalid(
        () -> iris.predict("iris", row(1, 2, 3, 4), row(1, 2, 3, 4)),
        "input 'float_input' given more than once");
  }

  @Test
  void wrongDatatypeIsRejectedNamingTheExpectedOne() {
    Tensor doubles = Tensor.ofDoubles("float_input", new long[] {1, 4}, new double[4]);

    assertInvalid(
        () -> iris.predict("iris", doubles), "input 'float_input': datatype FP64 (expected FP32)");
  }

  @Test
  void wrongStaticDimensionIsRejected() {
    Tensor five = Tensor.ofFloats("float_input", new long[] {1, 5}, new float[5]);

    assertInvalid(
        () -> iris.predict("iris", five),
        "input 'float_input': shape [1, 5] does not fit [-1, 4] (dimension 1 is 5, expected 4)");
  }

  @Test
  void wrongRankIsRejected() {
    Tensor flat = Tensor.ofFloats("float_input", new long[] {4}, new float[4]);

    assertInvalid(
        () -> iris.predict("iris", flat),
        "input 'float_input': shape [4] has 1 dimensions (expected 2, shape [-1, 4])");
  }

  @Test
  void elementCountNotMatchingTheShapeNeverReachesTheModel() {
    assertThatThrownBy(() -> Tensor.ofFloats("float_input", new long[] {2, 4}, new float[7]))
        .isInstanceOfSatisfying(
            KServeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT))
        .hasMessageContaining("has 8 elements but 7 values were given");
  }

  @Test
  void modelStillServesAfterBadInput() {
    assertThatThrownBy(() -> iris.predict("iris", row(1, 2, 3)))
        .isInstanceOf(KServeException.class);

    assertThat(
            iris.predict("iris", row(5.1f, 3.5f, 1.4f, 0.2f)).output("label").orElseThrow().longs())
        .containsExactly(0);
  }

  @Test
  void concurrentPredictionsGiveTheSameAnswersAsSequentialOnes() throws Exception {
    GoldenCase golden = GoldenCase.read("iris-onnx");
    float[] rows = golden.inputs().get(0).floats();
    Tensor expectedProbabilities = golden.outputs().get(1);
    int count = rows.length / 4;
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 300; i++) {
                    int r = (thread + i) % count;
                    Tensor out =
                        iris.predict("iris", row(Arrays.copyOfRange(rows, r * 4, r * 4 + 4)))
                            .output("probabilities")
                            .orElseThrow();
                    for (int c = 0; c < 3; c++) {
                      assertThat((double) out.floats()[c])
                          .isCloseTo(
                              expectedProbabilities.getAsDouble(r * 3 + c),
                              org.assertj.core.api.Assertions.within(golden.tolerance()));
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get(120, TimeUnit.SECONDS);
      }
    }
  }

  private static Tensor row(float... values) {
    return Tensor.ofFloats("float_input", new long[] {1, values.length}, values);
  }

  private static void assertInvalid(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            KServeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT))
        .hasMessageContaining(message);
  }
}
