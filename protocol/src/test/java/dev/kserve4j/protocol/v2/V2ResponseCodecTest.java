package dev.kserve4j.protocol.v2;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kserve4j.protocol.Datatype;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.protocol.RequestedOutput;
import dev.kserve4j.protocol.Tensor;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Encoding of V2 inference responses: the spec's JSON example and the binary extension's. */
class V2ResponseCodecTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static final Tensor OUTPUT0 =
      Tensor.ofFloats(
          "output0", new long[] {3, 2}, new float[] {1.0f, 1.1f, 2.0f, 2.1f, 3.0f, 3.1f});

  @Test
  void specExampleResponseInJson() throws IOException {
    InferResponse response = new InferResponse("mymodel", null, "42", List.of(OUTPUT0), Map.of());

    V2ResponseCodec.Encoded e = V2ResponseCodec.encode(response, request(Map.of()));

    // The spec's example plus "model_name", which its $inference_response schema requires.
    assertThat(e.jsonLength()).isEqualTo(-1);
    assertThat(MAPPER.readTree(e.body()))
        .isEqualTo(
            MAPPER.readTree(
                """
                {
                  "model_name" : "mymodel",
                  "id" : "42",
                  "outputs" : [
                    {
                      "name" : "output0",
                      "shape" : [ 3, 2 ],
                      "datatype"  : "FP32",
                      "data" : [ 1.0, 1.1, 2.0, 2.1, 3.0, 3.1 ]
                    }
                  ]
                }\
                """));
  }

  @Test
  void tritonBinaryExampleResponseCarriesSizeAndAppendsLittleEndianFloats() throws IOException {
    InferRequest request =
        new InferRequest(
            null,
            "mymodel",
            null,
            List.of(),
            List.of(new RequestedOutput("output0", Map.of("binary_data", true))),
            Map.of());

    V2ResponseCodec.Encoded e =
        V2ResponseCodec.encode(InferResponse.of("mymodel", List.of(OUTPUT0)), request);

    JsonNode json = MAPPER.readTree(Arrays.copyOf(e.body(), e.jsonLength()));
    assertThat(json)
        .isEqualTo(
            MAPPER.readTree(
                """
                {"model_name":"mymodel","outputs":[{"name":"output0","shape":[3,2],"datatype":"FP32",
                  "parameters":{"binary_data_size":24}}]}\
                """));
    assertThat(e.body()).hasSize(e.jsonLength() + 24);
    float[] back = new float[6];
    ByteBuffer.wrap(e.body(), e.jsonLength(), 24)
        .order(ByteOrder.LITTLE_ENDIAN)
        .asFloatBuffer()
        .get(back);
    assertThat(back).containsExactly(OUTPUT0.floats());
  }

  @Test
  void outputBinaryDataOverridesTheRequestWideSetting() throws IOException {
    Tensor a = Tensor.ofInts("a", new long[] {2}, new int[] {1, 2});
    Tensor b = Tensor.ofInts("b", new long[] {1}, new int[] {3});
    Tensor c = Tensor.ofInts("c", new long[] {1}, new int[] {4});
    InferRequest request =
        new InferRequest(
            null,
            "m",
            null,
            List.of(),
            List.of(
                new RequestedOutput("b", Map.of("binary_data", false)), new RequestedOutput("c")),
            Map.of("binary_data_output", true));

    V2ResponseCodec.Encoded e =
        V2ResponseCodec.encode(
            new InferResponse("m", "2", null, List.of(a, b, c), Map.of("batch", 1L)), request);

    JsonNode json = MAPPER.readTree(Arrays.copyOf(e.body(), e.jsonLength()));
    assertThat(json.get("model_version").asText()).isEqualTo("2");
    assertThat(json.get("parameters")).isEqualTo(MAPPER.readTree("{\"batch\":1}"));
    JsonNode outputs = json.get("outputs");
    assertThat(outputs.get(0).has("data")).isFalse();
    assertThat(outputs.get(1).get("data")).isEqualTo(MAPPER.readTree("[3]"));
    assertThat(outputs.get(2).get("parameters").get("binary_data_size").asInt()).isEqualTo(4);
    ByteBuffer bin = ByteBuffer.wrap(e.body(), e.jsonLength(), 12).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(new int[] {bin.getInt(), bin.getInt(), bin.getInt()}).containsExactly(1, 2, 4);
    assertThat(e.body()).hasSize(e.jsonLength() + 12);
  }

  @Test
  void unsignedValuesAreWrittenUnsignedAndHalfFloatsAsNumbers() throws IOException {
    List<Tensor> outputs =
        List.of(
            new Tensor("u8", Datatype.UINT8, new long[] {2}, new byte[] {-1, 7}),
            new Tensor("u16", Datatype.UINT16, new long[] {1}, new short[] {-1}),
            new Tensor("u32", Datatype.UINT32, new long[] {1}, new int[] {-1}),
            new Tensor("u64", Datatype.UINT64, new long[] {2}, new long[] {-1L, 5}),
            new Tensor(
                "f16", Datatype.FP16, new long[] {1}, new short[] {Float.floatToFloat16(0.5f)}),
            new Tensor("s", Datatype.BYTES, new long[] {1}, new byte[][] {{'o', 'k'}}));

    byte[] body = V2ResponseCodec.encode(InferResponse.of("m", outputs), request(Map.of())).body();

    JsonNode out = MAPPER.readTree(body).get("outputs");
    assertThat(out.get(0).get("data")).isEqualTo(MAPPER.readTree("[255,7]"));
    assertThat(out.get(1).get("data").get(0).asInt()).isEqualTo(65535);
    assertThat(out.get(2).get("data").get(0).asLong()).isEqualTo(4294967295L);
    assertThat(out.get(3).get("data").get(0).bigIntegerValue())
        .isEqualTo(new BigInteger("18446744073709551615"));
    assertThat(out.get(4).get("data").get(0).asDouble()).isEqualTo(0.5);
    assertThat(out.get(5).get("data").get(0).asText()).isEqualTo("ok");
  }

  @Test
  void staleBinaryDataSizeParameterIsNotEchoedForJsonOutputs() throws IOException {
    Tensor t =
        Tensor.ofInts("t", new long[] {1}, new int[] {1})
            .withParameters(Map.of("binary_data_size", 4L, "kept", "yes"));

    byte[] body =
        V2ResponseCodec.encode(InferResponse.of("m", List.of(t)), request(Map.of())).body();

    assertThat(MAPPER.readTree(body).get("outputs").get(0).get("parameters"))
        .isEqualTo(MAPPER.readTree("{\"kept\":\"yes\"}"));
  }

  private static InferRequest request(Map<String, Object> parameters) {
    return new InferRequest(null, "mymodel", null, List.of(), List.of(), parameters);
  }
}
