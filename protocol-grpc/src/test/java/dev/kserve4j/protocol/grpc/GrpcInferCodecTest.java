package dev.kserve4j.protocol.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.kserve4j.protocol.Datatype;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.protocol.RequestedOutput;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.protocol.grpc.v2.InferParameter;
import dev.kserve4j.protocol.grpc.v2.InferTensorContents;
import dev.kserve4j.protocol.grpc.v2.ModelInferRequest;
import dev.kserve4j.protocol.grpc.v2.ModelInferResponse;
import java.lang.reflect.Array;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GrpcInferCodecTest {

  /** Each datatype with hand-written wire contents and the Java array they stand for. */
  static Stream<Arguments> typedContents() {
    InferTensorContents.Builder c = InferTensorContents.newBuilder();
    return Stream.of(
        Arguments.of(
            Datatype.BOOL,
            c.clone().addBoolContents(true).addBoolContents(false),
            new boolean[] {true, false}),
        Arguments.of(
            Datatype.UINT8,
            c.clone().addUintContents(0).addUintContents(255),
            new byte[] {0, (byte) 0xFF}),
        Arguments.of(
            Datatype.UINT16,
            c.clone().addUintContents(1).addUintContents(65535),
            new short[] {1, (short) 0xFFFF}),
        Arguments.of(
            Datatype.UINT32,
            c.clone().addUintContents(7).addUintContents(0xFFFFFFFF),
            new int[] {7, -1}),
        Arguments.of(
            Datatype.UINT64,
            c.clone().addUint64Contents(2).addUint64Contents(-1L),
            new long[] {2, -1}),
        Arguments.of(
            Datatype.INT8,
            c.clone().addIntContents(-128).addIntContents(127),
            new byte[] {-128, 127}),
        Arguments.of(
            Datatype.INT16,
            c.clone().addIntContents(-32768).addIntContents(32767),
            new short[] {-32768, 32767}),
        Arguments.of(
            Datatype.INT32,
            c.clone().addIntContents(Integer.MIN_VALUE).addIntContents(Integer.MAX_VALUE),
            new int[] {Integer.MIN_VALUE, Integer.MAX_VALUE}),
        Arguments.of(
            Datatype.INT64,
            c.clone().addInt64Contents(Long.MIN_VALUE).addInt64Contents(Long.MAX_VALUE),
            new long[] {Long.MIN_VALUE, Long.MAX_VALUE}),
        Arguments.of(
            Datatype.FP32,
            c.clone().addFp32Contents(1.5f).addFp32Contents(-0.25f),
            new float[] {1.5f, -0.25f}),
        Arguments.of(
            Datatype.FP64,
            c.clone().addFp64Contents(Math.PI).addFp64Contents(-1e300),
            new double[] {Math.PI, -1e300}),
        Arguments.of(
            Datatype.BYTES,
            c.clone()
                .addBytesContents(ByteString.copyFromUtf8("hi"))
                .addBytesContents(ByteString.EMPTY),
            new byte[][] {"hi".getBytes(StandardCharsets.UTF_8), new byte[0]}));
  }

  @ParameterizedTest
  @MethodSource("typedContents")
  void decodesTypedContentsOfEveryDatatype(
      Datatype datatype, InferTensorContents.Builder contents, Object expected) {
    ModelInferRequest request =
        ModelInferRequest.newBuilder()
            .setModelName("m")
            .addInputs(input("x", datatype.name(), 2).setContents(contents))
            .build();

    Tensor x = GrpcInferCodec.decodeRequest(request).inputs().get(0);

    assertThat(x.datatype()).isEqualTo(datatype);
    assertThat(x.shape()).containsExactly(2);
    assertThat(x.data()).isEqualTo(expected);
  }

  @ParameterizedTest
  @MethodSource("typedContents")
  void encodesTypedContentsOfEveryDatatype(
      Datatype datatype, InferTensorContents.Builder contents, Object data) {
    InferResponse response =
        InferResponse.of("m", List.of(new Tensor("y", datatype, new long[] {2}, data)));

    ModelInferResponse wire = GrpcInferCodec.encodeResponse(response, false);

    assertThat(wire.getRawOutputContentsCount()).isZero();
    assertThat(wire.getOutputs(0).getDatatype()).isEqualTo(datatype.name());
    assertThat(wire.getOutputs(0).getShapeList()).containsExactly(2L);
    assertThat(wire.getOutputs(0).getContents()).isEqualTo(contents.build());
  }

  /** Each datatype with hand-written little-endian raw bytes and the Java array they stand for. */
  static Stream<Arguments> rawContents() {
    return Stream.of(
        Arguments.of(Datatype.BOOL, bytes(1, 0), new boolean[] {true, false}),
        Arguments.of(Datatype.UINT8, bytes(0x00, 0xFF), new byte[] {0, (byte) 0xFF}),
        Arguments.of(Datatype.INT8, bytes(0x80, 0x7F), new byte[] {-128, 127}),
        Arguments.of(Datatype.UINT16, bytes(0x01, 0x00, 0xFF, 0xFF), new short[] {1, -1}),
        Arguments.of(Datatype.INT16, bytes(0x00, 0x80, 0xFF, 0x7F), new short[] {-32768, 32767}),
        // 1.0 is 0x3C00 and -2.0 is 0xC000 in IEEE-754 half precision.
        Arguments.of(
            Datatype.FP16, bytes(0x00, 0x3C, 0x00, 0xC0), new short[] {0x3C00, (short) 0xC000}),
        Arguments.of(Datatype.UINT32, bytes(1, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF), new int[] {1, -1}),
        Arguments.of(
            Datatype.INT32, bytes(0xFE, 0xFF, 0xFF, 0xFF, 0x00, 0x01, 0, 0), new int[] {-2, 256}),
        Arguments.of(
            Datatype.UINT64,
            bytes(2, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF),
            new long[] {2, -1}),
        Arguments.of(
            Datatype.INT64,
            bytes(0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x80),
            new long[] {256, Long.MIN_VALUE}),
        // 1.0f is 0x3F800000 and -2.5f is 0xC0200000.
        Arguments.of(
            Datatype.FP32, bytes(0, 0, 0x80, 0x3F, 0, 0, 0x20, 0xC0), new float[] {1.0f, -2.5f}),
        // 1.0 is 0x3FF0000000000000 and -2.0 is 0xC000000000000000.
        Arguments.of(
            Datatype.FP64,
            bytes(0, 0, 0, 0, 0, 0, 0xF0, 0x3F, 0, 0, 0, 0, 0, 0, 0, 0xC0),
            new double[] {1.0, -2.0}),
        Arguments.of(
            Datatype.BYTES,
            bytes(2, 0, 0, 0, 'h', 'i', 0, 0, 0, 0),
            new byte[][] {{'h', 'i'}, {}}));
  }

  @ParameterizedTest
  @MethodSource("rawContents")
  void decodesRawContentsOfEveryDatatype(Datatype datatype, ByteString raw, Object expected) {
    ModelInferRequest request =
        ModelInferRequest.newBuilder()
            .setModelName("m")
            .addInputs(input("x", datatype.name(), 2))
            .addRawInputContents(raw)
            .build();

    Tensor x = GrpcInferCodec.decodeRequest(request).inputs().get(0);

    assertThat(x.datatype()).isEqualTo(datatype);
    assertThat(x.data()).isEqualTo(expected);
  }

  @ParameterizedTest
  @MethodSource("rawContents")
  void encodesRawContentsOfEveryDatatype(Datatype datatype, ByteString raw, Object data) {
    InferResponse response =
        InferResponse.of("m", List.of(new Tensor("y", datatype, new long[] {2}, data)));

    ModelInferResponse wire = GrpcInferCodec.encodeResponse(response, true);

    assertThat(wire.getOutputs(0).hasContents()).isFalse();
    assertThat(wire.getRawOutputContentsList()).containsExactly(raw);
  }

  @Test
  void fp16OutputsForceRawContentsForTheWholeResponse() {
    InferResponse response =
        InferResponse.of(
            "m",
            List.of(
                Tensor.ofFloats("a", new long[] {1}, new float[] {3f}),
                new Tensor(
                    "h", Datatype.FP16, new long[] {1}, new short[] {Float.floatToFloat16(1f)})));

    ModelInferResponse wire = GrpcInferCodec.encodeResponse(response, false);

    assertThat(wire.getOutputsList()).allSatisfy(o -> assertThat(o.hasContents()).isFalse());
    assertThat(wire.getRawOutputContentsList())
        .containsExactly(bytes(0, 0, 0x40, 0x40), bytes(0x00, 0x3C));
  }

  @Test
  void decodesRequestIdentityParametersAndRequestedOutputs() {
    ModelInferRequest request =
        ModelInferRequest.newBuilder()
            .setModelName("iris")
            .setModelVersion("2")
            .setId("req-1")
            .putParameters("flag", InferParameter.newBuilder().setBoolParam(true).build())
            .putParameters("n", InferParameter.newBuilder().setInt64Param(-3).build())
            .putParameters("s", InferParameter.newBuilder().setStringParam("v").build())
            .putParameters("d", InferParameter.newBuilder().setDoubleParam(0.5).build())
            .putParameters("u", InferParameter.newBuilder().setUint64Param(-1L).build())
            .addInputs(
                input("x", "FP32", 1)
                    .putParameters("p", InferParameter.newBuilder().setInt64Param(4).build())
                    .setContents(InferTensorContents.newBuilder().addFp32Contents(1f)))
            .addOutputs(
                ModelInferRequest.InferRequestedOutputTensor.newBuilder()
                    .setName("probs")
                    .putParameters(
                        "binary_data", InferParameter.newBuilder().setBoolParam(false).build()))
            .build();

    InferRequest decoded = GrpcInferCodec.decodeRequest(request);

    assertThat(decoded.id()).isEqualTo("req-1");
    assertThat(decoded.modelName()).isEqualTo("iris");
    assertThat(decoded.modelVersion()).isEqualTo("2");
    assertThat(decoded.parameters())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "flag",
                true,
                "n",
                -3L,
                "s",
                "v",
                "d",
                0.5,
                "u",
                new BigInteger("18446744073709551615")));
    assertThat(decoded.inputs().get(0).parameters()).isEqualTo(Map.of("p", 4L));
    assertThat(decoded.outputs())
        .containsExactly(new RequestedOutput("probs", Map.of("binary_data", false)));
  }

  @Test
  void emptyIdAndVersionMeanAbsent() {
    InferRequest decoded =
        GrpcInferCodec.decodeRequest(ModelInferRequest.newBuilder().setModelName("m").build());

    assertThat(decoded.id()).isNull();
    assertThat(decoded.modelVersion()).isNull();
    assertThat(decoded.inputs()).isEmpty();
  }

  @Test
  void encodesResponseIdentityAndParameters() {
    InferResponse response =
        new InferResponse(
            "m",
            "3",
            "req-9",
            List.of(Tensor.ofLongs("y", new long[] {1, 1}, new long[] {5})),
            Map.of("rows", 1));

    ModelInferResponse wire = GrpcInferCodec.encodeResponse(response, false);

    assertThat(wire.getModelName()).isEqualTo("m");
    assertThat(wire.getModelVersion()).isEqualTo("3");
    assertThat(wire.getId()).isEqualTo("req-9");
    assertThat(wire.getParametersMap())
        .containsExactly(Map.entry("rows", InferParameter.newBuilder().setInt64Param(1).build()));
    assertThat(wire.getOutputs(0).getShapeList()).containsExactly(1L, 1L);
  }

  @Test
  void clientSideRequestAndResponseRoundTripThroughTheWire() {
    InferRequest request =
        new InferRequest(
            "id-1",
            "m",
            null,
            List.of(
                Tensor.ofFloats("x", new long[] {2, 2}, new float[] {1, 2, 3, 4}),
                new Tensor("h", Datatype.FP16, new long[] {1}, new short[] {0x3C00})),
            List.of(new RequestedOutput("y")),
            Map.of("k", "v"));

    ModelInferRequest wire = GrpcInferCodec.encodeRequest(request, false);

    assertThat(wire.getRawInputContentsCount()).as("FP16 forces raw").isEqualTo(2);
    assertThat(GrpcInferCodec.decodeRequest(wire)).isEqualTo(request);

    InferResponse response =
        new InferResponse(
            "m",
            "1",
            "id-1",
            List.of(new Tensor("s", Datatype.BYTES, new long[] {1}, new byte[][] {{1, 2}})),
            Map.of());
    for (boolean raw : new boolean[] {false, true}) {
      assertThat(GrpcInferCodec.decodeResponse(GrpcInferCodec.encodeResponse(response, raw)))
          .isEqualTo(response);
    }
  }

  @Test
  void emptyTensorNeedsNoValues() {
    Tensor x =
        GrpcInferCodec.decodeRequest(
                ModelInferRequest.newBuilder()
                    .setModelName("m")
                    .addInputs(input("x", "FP32", 0, 4))
                    .build())
            .inputs()
            .get(0);

    assertThat(Array.getLength(x.data())).isZero();
    assertThat(x.shape()).containsExactly(0, 4);
  }

  static ModelInferRequest.InferInputTensor.Builder input(
      String name, String datatype, long... shape) {
    ModelInferRequest.InferInputTensor.Builder b =
        ModelInferRequest.InferInputTensor.newBuilder().setName(name).setDatatype(datatype);
    for (long d : shape) {
      b.addShape(d);
    }
    return b;
  }

  static ByteString bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) values[i];
    }
    return ByteString.copyFrom(b);
  }
}
