package com.acme.temperature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.kserve4j.common.ErrorKind;
import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.Datatype;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.runtime.ModelSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TemperatureAnomalyModelTest {
  static final Path MODEL_DIR = Path.of("model");

  static InferRequest readings(String... texts) {
    byte[][] data =
        Arrays.stream(texts).map(t -> t.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
    return InferRequest.of(
        "t", new Tensor("reading", Datatype.BYTES, new long[] {texts.length}, data));
  }

  static TemperatureAnomalyModel loaded() {
    TemperatureAnomalyModel model = new TemperatureAnomalyModel();
    model.load(new ModelSpec("t", MODEL_DIR));
    return model;
  }

  @Test
  void labelsReadingsInAnyUnitByTheirDistanceFromTheNormalRange() {
    InferResponse r = loaded().infer(readings("21.5C", "98.6F", "273.15K", "66 °F"));

    byte[][] labels = r.output("label").orElseThrow().bytes();
    assertThat(Arrays.stream(labels).map(b -> new String(b, StandardCharsets.UTF_8)))
        .containsExactly("normal", "anomaly", "anomaly", "normal");
    AnomalyWeights w = AnomalyWeights.read(MODEL_DIR);
    double[] celsius = {21.5, 37.0, 0.0, (66 - 32) * 5 / 9.0};
    float[] scores = r.output("score").orElseThrow().floats();
    for (int i = 0; i < celsius.length; i++) {
      double z = (celsius[i] - w.meanCelsius()) / w.stdCelsius();
      double expected = 1 / (1 + Math.exp(-(w.weightZ() * z + w.weightZ2() * z * z + w.bias())));
      assertThat((double) scores[i]).as("score[%d]", i).isCloseTo(expected, within(1e-6));
    }
  }

  @Test
  void unreadableReadingIsAnInvalidInputNamingTheRow() {
    assertThatThrownBy(() -> loaded().infer(readings("20C", "hot")))
        .isInstanceOfSatisfying(
            KServeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT))
        .hasMessage(
            "input 'reading': row 1 is 'hot' (expected a number and a unit C, F or K,"
                + " e.g. \"21.5C\")");
  }

  @Test
  void numericInputIsAnInvalidInputNamingTheExpectedType() {
    InferRequest numbers =
        InferRequest.of("t", Tensor.ofFloats("reading", new long[] {1}, new float[] {20}));

    assertThatThrownBy(() -> loaded().infer(numbers))
        .hasMessage(
            "input 'reading': FP32 [1] (expected BYTES of shape [n], one reading such as"
                + " \"21.5C\" per row)");
  }
}
