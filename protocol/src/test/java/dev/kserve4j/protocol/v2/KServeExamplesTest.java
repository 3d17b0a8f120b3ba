package dev.kserve4j.protocol.v2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kserve4j.common.KServeException;
import dev.kserve4j.common.testing.Required;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.protocol.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** KServe's own V2 example request bodies for the iris models, as its docs send them. */
class KServeExamplesTest {
  private static final Path INPUTS =
      Path.of(
          System.getProperty(
              "kserve4j.kserveExamples", "/work/shared/fixtures/kserve-examples/inputs"));
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final float[] IRIS = {6.8f, 2.8f, 4.8f, 1.4f, 6.0f, 3.4f, 4.5f, 1.6f};
  private static final Tensor PREDICTION =
      Tensor.ofLongs("output-0", new long[] {2}, new long[] {1, 1});

  @BeforeAll
  static void requireExamples() {
    Required.that(
        Files.isDirectory(INPUTS),
        "KServe example bodies not found at " + INPUTS + " (set -Dkserve4j.kserveExamples)");
  }

  @Test
  void v2JsonRequestAndJsonResponse() throws IOException {
    InferRequest r = decode("iris_input_v2.json");

    assertThat(r.inputs()).containsExactly(Tensor.ofFloats("input-0", new long[] {2, 4}, IRIS));
    V2ResponseCodec.Encoded e =
        V2ResponseCodec.encode(InferResponse.of("iris", List.of(PREDICTION)), r);
    assertThat(e.jsonLength()).isEqualTo(-1);
    assertThat(MAPPER.readTree(e.body()).get("outputs").get(0).get("data"))
        .isEqualTo(MAPPER.readTree("[1,1]"));
  }

  @Test
  void v2RequestAskingForOneBinaryOutput() throws IOException {
    InferRequest r = decode("iris_input_v2_binary.json");

    V2ResponseCodec.Encoded e =
        V2ResponseCodec.encode(InferResponse.of("iris", List.of(PREDICTION)), r);
    assertBinaryPrediction(e);
  }

  @Test
  void v2RequestAskingForAllOutputsBinary() throws IOException {
    InferRequest r = decode("iris_input_v2_all_binary.json");

    assertThat(r.inputs().get(0).floats()).containsExactly(IRIS);
    V2ResponseCodec.Encoded e =
        V2ResponseCodec.encode(InferResponse.of("iris", List.of(PREDICTION)), r);
    assertBinaryPrediction(e);
  }

  @Test
  void grpcJsonBodyIsRejectedOnRestWithTheMissingDataNamed() {
    assertThatThrownBy(() -> decode("iris_input_v2_grpc.json"))
        .isInstanceOf(KServeException.class)
        .hasMessageStartingWith("inputs[0] 'input-0': no \"data\"");
  }

  private static void assertBinaryPrediction(V2ResponseCodec.Encoded e) throws IOException {
    JsonNode out = MAPPER.readTree(Arrays.copyOf(e.body(), e.jsonLength())).get("outputs").get(0);
    assertThat(out.get("parameters").get("binary_data_size").asInt()).isEqualTo(16);
    assertThat(out.has("data")).isFalse();
    assertThat(e.body()).hasSize(e.jsonLength() + 16);
    assertThat(Arrays.copyOfRange(e.body(), e.jsonLength(), e.body().length))
        .containsExactly(1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0);
  }

  private static InferRequest decode(String file) throws IOException {
    return V2RequestCodec.decode("iris", null, Files.readAllBytes(INPUTS.resolve(file)), -1);
  }
}
