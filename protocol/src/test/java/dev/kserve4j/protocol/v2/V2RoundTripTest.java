package dev.kserve4j.protocol.v2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kserve4j.protocol.Datatype;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.protocol.Tensor;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every datatype survives encoding as a response output and decoding as a request input, in JSON
 * and in the binary extension: a {@code $response_output} has the layout of a {@code
 * $request_input}, so renaming {@code "outputs"} to {@code "inputs"} turns one into the other.
 */
class V2RoundTripTest {

  static Stream<Tensor> edgeValues() {
    long[] six = {2, 3};
    return Stream.of(
        new Tensor(
            "bool", Datatype.BOOL, six, new boolean[] {true, false, true, true, false, false}),
        new Tensor("uint8", Datatype.UINT8, six, new byte[] {0, 1, 127, -128, -1, 42}),
        new Tensor("int8", Datatype.INT8, six, new byte[] {-128, -1, 0, 1, 127, 5}),
        new Tensor("uint16", Datatype.UINT16, six, new short[] {0, 1, 0x7fff, -0x8000, -1, 7}),
        new Tensor(
            "int16",
            Datatype.INT16,
            six,
            new short[] {Short.MIN_VALUE, -1, 0, 1, Short.MAX_VALUE, 300}),
        new Tensor(
            "uint32",
            Datatype.UINT32,
            six,
            new int[] {0, 1, Integer.MAX_VALUE, Integer.MIN_VALUE, -1, 7}),
        new Tensor(
            "int32",
            Datatype.INT32,
            six,
            new int[] {Integer.MIN_VALUE, -1, 0, 1, Integer.MAX_VALUE, 123456}),
        new Tensor(
            "uint64",
            Datatype.UINT64,
            six,
            new long[] {0, 1, Long.MAX_VALUE, Long.MIN_VALUE, -1, 7}),
        new Tensor(
            "int64",
            Datatype.INT64,
            six,
            new long[] {Long.MIN_VALUE, -1, 0, 1, Long.MAX_VALUE, (1L << 53) + 1}),
        new Tensor("fp16", Datatype.FP16, six, halves(0f, -0f, 1.5f, 65504f, Float.NaN, 6e-8f)),
        new Tensor(
            "fp32",
            Datatype.FP32,
            six,
            new float[] {
              -0f, Float.MIN_VALUE, Float.MAX_VALUE, Float.NaN, Float.NEGATIVE_INFINITY, 6.8f
            }),
        new Tensor(
            "fp64",
            Datatype.FP64,
            six,
            new double[] {
              -0d, Double.MIN_VALUE, Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY, 0.1
            }),
        new Tensor(
            "bytes",
            Datatype.BYTES,
            new long[] {3},
            new byte[][] {
              new byte[0],
              "héllo".getBytes(StandardCharsets.UTF_8),
              "\"quoted\"\n✓".getBytes(StandardCharsets.UTF_8)
            }));
  }

  static Stream<Arguments> cases() {
    return edgeValues().flatMap(t -> Stream.of(Arguments.of(t, false), Arguments.of(t, true)));
  }

  @ParameterizedTest(name = "{0} binary={1}")
  @MethodSource("cases")
  void tensorRoundTrips(Tensor t, boolean binary) {
    assertThat(roundTrip(List.of(t), binary)).containsExactly(t);
  }

  @Test
  void arbitraryBytesRoundTripInBinary() {
    Tensor t =
        new Tensor(
            "raw",
            Datatype.BYTES,
            new long[] {2, 1},
            new byte[][] {{0, (byte) 0xff, (byte) 0xc3}, {(byte) 0x80}});

    assertThat(roundTrip(List.of(t), true)).containsExactly(t);
  }

  @Test
  void allDatatypesTogetherRoundTripInOneBinaryBody() {
    List<Tensor> all = edgeValues().toList();

    assertThat(roundTrip(all, true)).isEqualTo(all);
  }

  private static List<Tensor> roundTrip(List<Tensor> tensors, boolean binary) {
    InferRequest asked =
        new InferRequest(
            null, "m", null, List.of(), List.of(), Map.of("binary_data_output", binary));
    V2ResponseCodec.Encoded e = V2ResponseCodec.encode(InferResponse.of("m", tensors), asked);
    int json = e.jsonLength() < 0 ? e.body().length : e.jsonLength();
    String head =
        new String(e.body(), 0, json, StandardCharsets.UTF_8)
            .replaceFirst("\"outputs\":", "\"inputs\":");
    byte[] headBytes = head.getBytes(StandardCharsets.UTF_8);
    byte[] body = Arrays.copyOf(headBytes, headBytes.length + e.body().length - json);
    System.arraycopy(e.body(), json, body, headBytes.length, e.body().length - json);
    return V2RequestCodec.decode("m", null, body, binary ? headBytes.length : -1).inputs();
  }

  private static short[] halves(float... values) {
    short[] out = new short[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = Float.floatToFloat16(values[i]);
    }
    return out;
  }
}
