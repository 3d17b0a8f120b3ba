package dev.kserve4j.runtime.xgboost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kserve4j.common.ErrorKind;
import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.Datatype;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.runtime.Model;
import dev.kserve4j.runtime.ModelSpec;
import dev.kserve4j.testing.TestModels;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Requests that do not fit an iris booster fail with 400 naming the input; the model survives. */
class XGBoostBadInputTest {
  private final Model model =
      new XGBoostRuntimeProvider()
          .load(new ModelSpec("iris", null, TestModels.directory("iris-xgboost"), Map.of()));

  @AfterEach
  void stillServesAndClose() {
    Tensor ok = Tensor.ofFloats("input-0", new long[] {1, 4}, new float[] {5.1f, 3.5f, 1.4f, 0.2f});
    assertThat(model.predict("iris", ok).outputs().get(0).shape()).containsExactly(1, 3);
    model.close();
  }

  @Test
  void wrongFeatureCount() {
    Tensor input = Tensor.ofFloats("input-0", new long[] {2, 5}, new float[10]);
    assertInvalid(input, "input 'input-0': shape [2, 5] but the model expects 4 features");
  }

  @Test
  void nonNumericDatatype() {
    Tensor input =
        new Tensor("x", Datatype.BYTES, new long[] {1, 4}, new byte[][] {{1}, {2}, {3}, {4}});
    assertInvalid(input, "input 'x': datatype BYTES (expected a numeric datatype");
  }

  @Test
  void boolDatatype() {
    Tensor input = new Tensor("x", Datatype.BOOL, new long[] {1, 4}, new boolean[4]);
    assertInvalid(input, "input 'x': datatype BOOL (expected a numeric datatype");
  }

  @Test
  void rankThree() {
    Tensor input = Tensor.ofFloats("x", new long[] {1, 2, 4}, new float[8]);
    assertInvalid(
        input, "input 'x': shape [1, 2, 4] has rank 3 (expected [rows, 4] or one row [4])");
  }

  @Test
  void scalar() {
    Tensor input = Tensor.ofFloats("x", new long[] {}, new float[1]);
    assertInvalid(input, "input 'x': shape [] has rank 0");
  }

  @Test
  void infinity() {
    Tensor input = Tensor.ofDoubles("x", new long[] {1, 4}, new double[] {1, 2, 1e300, 4});
    assertInvalid(
        input,
        "input 'x': element 2 is 1.0E300 (expected a finite number within FP32"
            + " range, or NaN for a missing value)");
  }

  @Test
  void twoInputs() {
    Tensor a = Tensor.ofFloats("a", new long[] {1, 4}, new float[4]);
    Tensor b = Tensor.ofFloats("b", new long[] {1, 4}, new float[4]);
    assertThatThrownBy(
            () -> model.predict(new InferRequest(null, "iris", null, List.of(a, b), null, null)))
        .isInstanceOfSatisfying(
            KServeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT))
        .hasMessage(
            "request has 2 input tensors [a, b] (expected exactly one, of shape [rows, 4])");
  }

  @Test
  void rankOneIsOneRowAndEmptyBatchIsEmpty() {
    Tensor row = Tensor.ofLongs("x", new long[] {4}, new long[] {6, 3, 5, 2});
    assertThat(model.predict("iris", row).outputs().get(0).shape()).containsExactly(1, 3);
    Tensor none = Tensor.ofFloats("x", new long[] {0, 4}, new float[0]);
    Tensor out = model.predict("iris", none).outputs().get(0);
    assertThat(out.shape()).containsExactly(0, 3);
    assertThat(out.floats()).isEmpty();
  }

  private void assertInvalid(Tensor input, String message) {
    assertThatThrownBy(() -> model.predict("iris", input))
        .isInstanceOfSatisfying(
            KServeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT))
        .hasMessageStartingWith(message);
  }
}
