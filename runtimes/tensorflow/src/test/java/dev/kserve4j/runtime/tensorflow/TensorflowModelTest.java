package dev.kserve4j.runtime.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.kserve4j.common.ErrorKind;
import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.Datatype;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.protocol.RequestedOutput;
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
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Predictions on the softmax model: metadata, requested outputs, bad input, concurrent use. */
class TensorflowModelTest {
  private final GoldenCase golden = GoldenCase.read("softmax-tensorflow");
  private final TensorflowModel softmax =
      new TensorflowRuntimeProvider()
          .load(
              new ModelSpec("softmax", null, TestModels.directory("softmax-tensorflow"), Map.of()));

  @AfterEach
  void close() {
    softmax.close();
  }

  @Test
  void metadataReportsTheServedVersionAndDynamicBatch() {
    assertThat(softmax.metadata().versions()).containsExactly("2");
    assertThat(softmax.metadata().inputs())
        .containsExactly(new TensorMetadata("x", Datatype.FP32, new long[] {-1, 4}));
    assertThat(softmax.batchable()).isTrue();
  }

  @Test
  void onlyTheRequestedOutputsAreReturnedInRequestOrder() {
    InferRequest request =
        new InferRequest(
            null,
            "softmax",
            null,
            List.of(row(0)),
            List.of(
                new RequestedOutput("probabilities"),
                new RequestedOutput("logits"),
                new RequestedOutput("probabilities")),
            Map.of());

    InferResponse response = softmax.predict(request);

    assertThat(response.outputs())
        .extracting(Tensor::name)
        .containsExactly("probabilities", "logits");
    assertThat(response.outputs().get(1).getAsDouble(2))
        .isCloseTo(golden.outputs().get(0).getAsDouble(2), within(golden.tolerance()));
  }

  @Test
  void unknownRequestedOutputIsRejected() {
    InferRequest request =
        new InferRequest(
            null,
            "softmax",
            null,
            List.of(row(0)),
            List.of(new RequestedOutput("scores")),
            Map.of());

    assertInvalid(
        () -> softmax.predict(request),
        "model 'softmax': unknown output 'scores' requested (expected outputs: [logits,"
            + " probabilities])");
  }

  @Test
  void unknownInputIsRejectedListingTheExpectedNames() {
    Tensor wrong = Tensor.ofFloats("features", new long[] {1, 4}, new float[4]);

    assertInvalid(
        () -> softmax.predict("softmax", wrong),
        "model 'softmax': unknown input 'features' (expected inputs: [x])");
  }

  @Test
  void missingAndRepeatedInputsAreRejected() {
    assertInvalid(() -> softmax.predict("softmax"), "missing input 'x' (expected inputs: [x])");
    assertInvalid(
        () -> softmax.predict("softmax", row(0), row(1)), "input 'x' given more than once");
  }

  @Test
  void wrongDatatypeIsRejectedNamingTheExpectedOne() {
    Tensor doubles = Tensor.ofDoubles("x", new long[] {1, 4}, new double[4]);

    assertInvalid(
        () -> softmax.predict("softmax", doubles), "input 'x': datatype FP64 (expected FP32)");
  }

  @Test
  void wrongShapeIsRejected() {
    assertInvalid(
        () -> softmax.predict("softmax", Tensor.ofFloats("x", new long[] {1, 5}, new float[5])),
        "input 'x': shape [1, 5] does not fit [-1, 4] (dimension 1 is 5, expected 4)");
    assertInvalid(
        () -> softmax.predict("softmax", Tensor.ofFloats("x", new long[] {4}, new float[4])),
        "input 'x': shape [4] has 1 dimensions (expected 2, shape [-1, 4])");
  }

  @Test
  void modelStillServesAfterBadInput() {
    assertThatThrownBy(
            () -> softmax.predict("softmax", Tensor.ofFloats("x", new long[] {1, 3}, new float[3])))
        .isInstanceOf(KServeException.class);

    Tensor probabilities = softmax.predict("softmax", row(1)).output("probabilities").orElseThrow();
    for (int c = 0; c < 3; c++) {
      assertThat(probabilities.getAsDouble(c))
          .isCloseTo(golden.outputs().get(1).getAsDouble(3 + c), within(golden.tolerance()));
    }
  }

  /**
   * JavaCPP counts the native objects (tensors included) whose release it tracks; a tensor left
   * unclosed stays counted until garbage collection, so 500 calls leaking one each would show.
   */
  @Test
  void repeatedPredictionsReleaseTheirNativeTensors() {
    softmax.predict("softmax", row(0));
    long before = Pointer.totalCount();

    for (int i = 0; i < 500; i++) {
      softmax.predict("softmax", row(i % 3));
    }

    assertThat(Pointer.totalCount()).isLessThanOrEqualTo(before);
  }

  @Test
  void concurrentPredictionsGiveTheSameAnswersAsSequentialOnes() throws Exception {
    Tensor expected = golden.outputs().get(1);
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 200; i++) {
                    int r = (thread + i) % 3;
                    Tensor out =
                        softmax.predict("softmax", row(r)).output("probabilities").orElseThrow();
                    for (int c = 0; c < 3; c++) {
                      assertThat(out.getAsDouble(c))
                          .isCloseTo(expected.getAsDouble(r * 3 + c), within(golden.tolerance()));
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

  /** Row {@code r} of the recorded inputs as a batch of one. */
  private Tensor row(int r) {
    float[] rows = golden.inputs().get(0).floats();
    return Tensor.ofFloats("x", new long[] {1, 4}, Arrays.copyOfRange(rows, r * 4, r * 4 + 4));
  }

  private static void assertInvalid(ThrowingCallable call, String message) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            KServeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT))
        .hasMessageContaining(message);
  }
}
