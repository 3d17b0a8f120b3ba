package dev.kserve4j.runtime.pmml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kserve4j.common.ErrorKind;
import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.Datatype;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.runtime.Model;
import dev.kserve4j.runtime.ModelSpec;
import dev.kserve4j.testing.TestModels;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Requests that do not fit the iris tree fail with 400 naming input, row and field. */
class PmmlBadInputTest {
  private final Model model =
      new PmmlRuntimeProvider()
          .load(new ModelSpec("iris", null, TestModels.directory("iris-pmml-tree"), Map.of()));

  @AfterEach
  void stillServesAndClose() {
    Tensor ok = Tensor.ofDoubles("input-0", new long[] {1, 4}, new double[] {5.1, 3.5, 1.4, 0.2});
    assertThat(text(model.predict("iris", ok), "species", 0)).isEqualTo("setosa");
    model.close();
  }

  @Test
  void wrongNumberOfColumns() {
    assertInvalid(
        Tensor.ofDoubles("input-0", new long[] {2, 5}, new double[10]),
        "input 'input-0': shape [2, 5] does not fit the model's 4 active fields [sepal_length,"
            + " sepal_width, petal_length, petal_width] (expected [rows, 4] or one row [4])");
  }

  @Test
  void nonNumericValueForAContinuousField() {
    assertInvalid(
        strings("x", "5.1", "abc", "1.4", "0.2"),
        "input 'x' row 0 column 1, field 'sepal_width' (continuous double): value 'abc' is"
            + " invalid: 'abc' is not a number (expected a double)");
  }

  @Test
  void numbersSentAsStringsAreConverted() {
    assertThat(text(model.predict("iris", strings("x", "6.8", "2.8", "4.8", "1.4")), "species", 0))
        .isEqualTo("versicolor");
  }

  @Test
  void tensorPerFieldMustNameEveryField() {
    Tensor a = Tensor.ofDoubles("sepal_length", new long[] {1}, new double[] {5.1});
    Tensor b = Tensor.ofDoubles("petal_size", new long[] {1}, new double[] {1.4});
    assertThatThrownBy(
            () -> model.predict(new InferRequest(null, "iris", null, List.of(a, b), null, null)))
        .isInstanceOfSatisfying(
            KServeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT))
        .hasMessage(
            "request has input tensors [sepal_length, petal_size] (expected one tensor of"
                + " shape [rows, 4], or one tensor per active field: [sepal_length, sepal_width,"
                + " petal_length, petal_width])");
  }

  @Test
  void tensorPerFieldIsScoredLikeOneMatrix() {
    List<Tensor> inputs =
        List.of(
            Tensor.ofDoubles("petal_width", new long[] {2, 1}, new double[] {0.2, 1.4}),
            Tensor.ofDoubles("sepal_length", new long[] {2, 1}, new double[] {5.1, 6.8}),
            Tensor.ofDoubles("sepal_width", new long[] {2, 1}, new double[] {3.5, 2.8}),
            Tensor.ofDoubles("petal_length", new long[] {2, 1}, new double[] {1.4, 4.8}));
    InferResponse response =
        model.predict(new InferRequest(null, "iris", null, inputs, null, null));
    assertThat(text(response, "species", 0)).isEqualTo("setosa");
    assertThat(text(response, "species", 1)).isEqualTo("versicolor");
  }

  @Test
  void missingValuesGiveNoPrediction() {
    // The tree's missingValueStrategy is nullPrediction: the root split sees a missing value.
    InferResponse response =
        model.predict(
            "iris",
            Tensor.ofDoubles(
                "input-0", new long[] {4}, new double[] {5.1, 3.5, Double.NaN, Double.NaN}));
    assertThat(text(response, "species", 0)).isEmpty();
    assertThat(response.output("probability_setosa").orElseThrow().doubles()[0]).isNaN();
  }

  @Test
  void emptyBatchIsEmpty() {
    InferResponse response =
        model.predict("iris", Tensor.ofDoubles("input-0", new long[] {0, 4}, new double[0]));
    assertThat(response.outputs()).allSatisfy(t -> assertThat(t.shape()).containsExactly(0));
  }

  private static Tensor strings(String name, String... values) {
    byte[][] data = new byte[values.length][];
    for (int i = 0; i < values.length; i++) {
      data[i] = values[i].getBytes(StandardCharsets.UTF_8);
    }
    return new Tensor(name, Datatype.BYTES, new long[] {1, values.length}, data);
  }

  private static String text(InferResponse response, String output, int row) {
    return new String(response.output(output).orElseThrow().bytes()[row], StandardCharsets.UTF_8);
  }

  private void assertInvalid(Tensor input, String message) {
    assertThatThrownBy(() -> model.predict("iris", input))
        .isInstanceOfSatisfying(
            KServeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT))
        .hasMessage(message);
  }
}
