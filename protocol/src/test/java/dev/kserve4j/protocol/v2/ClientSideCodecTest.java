package dev.kserve4j.protocol.v2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.Datatype;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.protocol.RequestedOutput;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.protocol.TensorMetadata;
import dev.kserve4j.protocol.v1.V1Codec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The client's side of the codecs, which a transformer uses towards its predictor: requests written
 * as JSON and read back by the server's decoder, responses read back from what the server's encoder
 * wrote.
 */
class ClientSideCodecTest {
  private static final Tensor ROWS =
      new Tensor("x", Datatype.FP32, new long[] {2, 2}, new float[] {1, 2, 3, 4});
  private static final Tensor WORDS =
      new Tensor(
          "w",
          Datatype.BYTES,
          new long[] {2},
          new byte[][] {
            "a".getBytes(StandardCharsets.UTF_8), "b".getBytes(StandardCharsets.UTF_8)
          });

  @Test
  void aRequestWrittenAsJsonDecodesToTheSameRequest() {
    InferRequest request =
        new InferRequest(
            "r-1",
            "m",
            null,
            List.of(ROWS, WORDS),
            List.of(new RequestedOutput("y", Map.of("binary_data", true))),
            Map.of("k", "v"));
    InferRequest back = V2RequestCodec.decode("m", null, V2RequestCodec.encode(request), -1);
    assertThat(back.id()).isEqualTo("r-1");
    assertThat(back.parameters()).containsEntry("k", "v");
    assertThat(back.inputs().get(0).floats()).containsExactly(1, 2, 3, 4);
    assertThat(back.inputs().get(0).shape()).containsExactly(2, 2);
    assertThat(back.inputs().get(1).bytes()[1]).isEqualTo("b".getBytes(StandardCharsets.UTF_8));
    assertThat(back.outputs().get(0).parameters()).containsEntry("binary_data", true);
  }

  @Test
  void aResponseEncodedByTheServerDecodesToTheSameOutputs() {
    InferResponse response = new InferResponse("m", "2", "r-1", List.of(ROWS, WORDS), Map.of());
    InferRequest binary =
        new InferRequest(
            null, "m", null, List.of(ROWS), List.of(), Map.of("binary_data_output", true));
    for (InferRequest asked : List.of(InferRequest.of("m", ROWS), binary)) {
      V2ResponseCodec.Encoded encoded = V2ResponseCodec.encode(response, asked);
      InferResponse back =
          V2RequestCodec.decodeResponse(encoded.body(), encoded.jsonLength(), "other");
      assertThat(back.modelName()).isEqualTo("m");
      assertThat(back.modelVersion()).isEqualTo("2");
      assertThat(back.id()).isEqualTo("r-1");
      assertThat(back.outputs().get(0).floats()).containsExactly(1, 2, 3, 4);
      assertThat(back.outputs().get(1).bytes()[0]).isEqualTo("a".getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void aResponseWithoutOutputsIsRefusedNamingTheField() {
    byte[] body = "{\"model_name\":\"m\"}".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> V2RequestCodec.decodeResponse(body, -1, "m"))
        .isInstanceOf(KServeException.class)
        .hasMessage("response body: missing \"outputs\" (expected a list of output tensors)");
  }

  @Test
  void v1InstancesAndPredictionsRoundTrip() {
    byte[] instances = V1Codec.encodeInstances(InferRequest.of("m", ROWS));
    assertThat(new String(instances, StandardCharsets.UTF_8))
        .isEqualTo("{\"instances\":[[1.0,2.0],[3.0,4.0]]}");
    TensorMetadata meta = new TensorMetadata("x", Datatype.FP32, new long[] {-1, 2});
    assertThat(V1Codec.decodePredict("m", instances, meta).inputs().get(0).floats())
        .containsExactly(1, 2, 3, 4);
    byte[] predictions = V1Codec.encodePredictions(InferResponse.of("m", List.of(ROWS)));
    assertThat(V1Codec.decodePredictions("m", predictions, meta).outputs().get(0).floats())
        .containsExactly(1, 2, 3, 4);
    assertThatThrownBy(() -> V1Codec.decodePredictions("m", instances, meta))
        .hasMessage(
            "response body: missing \"predictions\" (expected \"predictions\" holding a list of"
                + " instances)");
  }
}
