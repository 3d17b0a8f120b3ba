package dev.kserve4j.protocol.v1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kserve4j.common.ErrorKind;
import dev.kserve4j.common.KServeException;
import dev.kserve4j.common.testing.Required;
import dev.kserve4j.protocol.Datatype;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.protocol.TensorMetadata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The V1 (TensorFlow Serving row format) predict request, predictions and listing JSON. */
class V1CodecTest {
  private static final Path KSERVE_INPUTS =
      Path.of(
          System.getProperty(
              "kserve4j.kserveExamples", "/work/shared/fixtures/kserve-examples/inputs"));
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final TensorMetadata FP32_ROWS =
      new TensorMetadata("input-0", Datatype.FP32, new long[] {-1, 4});

  @Test
  void kserveIrisExampleBecomesOneFp32Batch() throws IOException {
    Path file = KSERVE_INPUTS.resolve("iris_input.json");
    Required.that(Files.isRegularFile(file), "KServe example body not found: " + file);

    InferRequest r = V1Codec.decodePredict("iris", Files.readAllBytes(file), FP32_ROWS);

    assertThat(r.modelName()).isEqualTo("iris");
    assertThat(r.inputs())
        .containsExactly(
            Tensor.ofFloats(
                "input-0",
                new long[] {2, 4},
                new float[] {6.8f, 2.8f, 4.8f, 1.4f, 6.0f, 3.4f, 4.5f, 1.6f}));
  }

  @Test
  void scalarInstancesGiveARankOneTensorOfTheModelsType() {
    InferRequest r =
        decode(
            "{\"signature_name\":\"x\",\"instances\":[1,2,3]}",
            new TensorMetadata("x", Datatype.INT64, new long[] {-1}));

    assertThat(r.inputs())
        .containsExactly(Tensor.ofLongs("x", new long[] {3}, new long[] {1, 2, 3}));
  }

  @Test
  void inputsIsAcceptedLikeInstancesAndDeepRowsKeepTheirShape() {
    InferRequest r = decode("{\"inputs\":[[[1,2],[3,4],[5,6]],[[7,8],[9,10],[11,12]]]}", FP32_ROWS);

    Tensor t = r.inputs().get(0);
    assertThat(t.shape()).containsExactly(2, 3, 2);
    assertThat(t.floats()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
  }

  @Test
  void stringInstancesBecomeBytes() {
    InferRequest r = decode("{\"instances\":[\"a b\",\"ü\"]}", FP32_ROWS);

    Tensor t = r.inputs().get(0);
    assertThat(t.datatype()).isEqualTo(Datatype.BYTES);
    assertThat(t.shape()).containsExactly(2);
    assertThat(t.bytes())
        .isDeepEqualTo(
            new byte[][] {
              "a b".getBytes(StandardCharsets.UTF_8), "ü".getBytes(StandardCharsets.UTF_8)
            });
  }

  @Test
  void manyRowsGrowTheBufferWithoutLosingValues() {
    StringBuilder json = new StringBuilder("{\"instances\":[");
    for (int i = 0; i < 1000; i++) {
      json.append(i == 0 ? "" : ",").append("[").append(i).append(",").append(-i).append("]");
    }
    Tensor t =
        decode(
                json.append("]}").toString(),
                new TensorMetadata("x", Datatype.INT32, new long[] {-1, 2}))
            .inputs()
            .get(0);

    assertThat(t.shape()).containsExactly(1000, 2);
    assertThat(t.ints()[1998]).isEqualTo(999);
    assertThat(t.ints()[1999]).isEqualTo(-999);
  }

  static Stream<Arguments> badRequests() {
    return Stream.of(
        Arguments.of(
            "{\"signature_name\":\"s\"}",
            "request body: missing \"instances\" (expected"
                + " \"instances\" or \"inputs\" holding a list of instances)"),
        Arguments.of(
            "{\"instances\":[[1]],\"inputs\":[[1]]}",
            "request body: has both"
                + " \"instances\" and \"inputs\" (expected exactly one of them)"),
        Arguments.of(
            "{\"instances\":5}",
            "instances: 5 (expected a list of instances; named inputs in an object are not"
                + " supported)"),
        Arguments.of(
            "{\"inputs\":{\"a\":[1,2]}}",
            "inputs: an object (expected a list of instances; named inputs in an object are not"
                + " supported)"),
        Arguments.of(
            "{\"instances\":[]}", "instances: empty list (expected at least one instance)"),
        Arguments.of(
            "{\"instances\":[{\"sepal_length\":6.8}]}",
            "instances[0]: an object (named-column instances need a model that accepts them; this"
                + " model takes one tensor 'input-0' of FP32: send each instance as a number, a"
                + " string or a list)"),
        Arguments.of(
            "{\"instances\":[[1,2,3,4],[1,2,3]]}",
            "instances[1]: a list of 3 values where earlier ones have 4 (all instances must have"
                + " the same shape)"),
        Arguments.of(
            "{\"instances\":[[1,2],3]}",
            "instances[1]: a value where a list was expected (all instances must have the same"
                + " shape)"),
        Arguments.of(
            "{\"instances\":[1,[2]]}",
            "instances[1]: a list where a value was expected (all instances must have the same"
                + " shape)"),
        Arguments.of(
            "{\"instances\":[[1,\"x\"]]}",
            "instances[0][1]: \"x\" is not a number (expected FP32 values)"),
        Arguments.of(
            "{\"instances\":[\"x\",1]}", "instances[1]: 1 is not a string (expected BYTES values)"),
        Arguments.of("[1]", "request body: a list (expected a JSON object with \"instances\")"),
        Arguments.of("{\"instances\":[1,}", null));
  }

  @ParameterizedTest
  @MethodSource("badRequests")
  void badRequestIsInvalidInputNamingTheProblem(String body, String message) {
    var thrown =
        assertThatThrownBy(() -> decode(body, FP32_ROWS))
            .isInstanceOfSatisfying(
                KServeException.class,
                e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT));
    if (message != null) {
      thrown.hasMessage(message);
    } else {
      thrown.hasMessageStartingWith("malformed JSON in the request body at line 1, column 17");
    }
  }

  @Test
  void predictionsFollowTheFirstOutputsShape() throws IOException {
    assertThat(predictions(Tensor.ofLongs("y", new long[] {3}, new long[] {0, 2, 1})))
        .isEqualTo("[0,2,1]");
    assertThat(
            predictions(
                Tensor.ofFloats("p", new long[] {2, 3}, new float[] {0.5f, 0.25f, 0.25f, 1, 0, 0})))
        .isEqualTo("[[0.5,0.25,0.25],[1.0,0.0,0.0]]");
    assertThat(predictions(Tensor.ofInts("q", new long[] {2, 1, 2}, new int[] {1, 2, 3, 4})))
        .isEqualTo("[[[1,2]],[[3,4]]]");
    assertThat(predictions(Tensor.ofInts("e", new long[] {2, 0}, new int[0]))).isEqualTo("[[],[]]");
    assertThat(
            predictions(
                new Tensor(
                    "s",
                    Datatype.BYTES,
                    new long[] {1},
                    new byte[][] {"cat".getBytes(StandardCharsets.UTF_8)})))
        .isEqualTo("[\"cat\"]");
  }

  @Test
  void predictionsNeedAnOutput() {
    assertThatThrownBy(() -> V1Codec.encodePredictions(InferResponse.of("m", List.of())))
        .isInstanceOfSatisfying(
            KServeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.MODEL_FAILURE))
        .hasMessage("model 'm' returned no outputs (expected at least one for \"predictions\")");
  }

  @Test
  void recordsHoldEveryOutputByNameOneObjectPerRow() throws IOException {
    Tensor species =
        new Tensor(
            "Species",
            dev.kserve4j.protocol.Datatype.BYTES,
            new long[] {2},
            new byte[][] {
              "setosa".getBytes(StandardCharsets.UTF_8),
              "virginica".getBytes(StandardCharsets.UTF_8)
            });
    Tensor probability =
        Tensor.ofDoubles("Probability_setosa", new long[] {2}, new double[] {1.0, 0.25});
    Tensor scores = Tensor.ofFloats("scores", new long[] {2, 2}, new float[] {1, 2, 3, 4});

    byte[] json =
        V1Codec.encodePredictions(
            InferResponse.of("m", List.of(species, probability, scores)), V1Predictions.RECORDS);

    assertThat(MAPPER.readTree(json))
        .isEqualTo(
            MAPPER.readTree(
                """
                {"predictions": [
                  {"Species": "setosa", "Probability_setosa": 1.0, "scores": [1.0, 2.0]},
                  {"Species": "virginica", "Probability_setosa": 0.25, "scores": [3.0, 4.0]}]}\
                """));
  }

  @Test
  void recordsNeedTheSameRowsInEveryOutput() {
    InferResponse uneven =
        InferResponse.of(
            "m",
            List.of(
                Tensor.ofDoubles("a", new long[] {2}, new double[] {1, 2}),
                Tensor.ofDoubles("b", new long[] {1}, new double[] {3})));

    assertThatThrownBy(() -> V1Codec.encodePredictions(uneven, V1Predictions.RECORDS))
        .hasMessage(
            "model 'm': output 'b' has 1 rows but 'a' has 2 (expected one row per instance in every"
                + " output)");
  }

  @Test
  void modelListAndStatus() throws IOException {
    assertThat(MAPPER.readTree(V1Codec.modelList(List.of("a", "b"))))
        .isEqualTo(MAPPER.readTree("{\"models\":[\"a\",\"b\"]}"));
    assertThat(MAPPER.readTree(V1Codec.modelStatus("a", false)))
        .isEqualTo(MAPPER.readTree("{\"name\":\"a\",\"ready\":false}"));
  }

  private static String predictions(Tensor first) throws IOException {
    Tensor second = Tensor.ofInts("ignored", new long[] {1}, new int[] {9});
    byte[] json = V1Codec.encodePredictions(InferResponse.of("m", List.of(first, second)));
    assertThat(MAPPER.readTree(json).fieldNames()).toIterable().containsExactly("predictions");
    return MAPPER.readTree(json).get("predictions").toString();
  }

  private static InferRequest decode(String json, TensorMetadata input) {
    return V1Codec.decodePredict("m", json.getBytes(StandardCharsets.UTF_8), input);
  }
}
