package dev.kserve4j.protocol.v2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kserve4j.common.ErrorKind;
import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.Datatype;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.RequestedOutput;
import dev.kserve4j.protocol.Tensor;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Decoding of V2 inference requests that are valid: spec examples, field orders, parameters. */
class V2RequestCodecTest {

  /** The request of the Open Inference Protocol REST spec's "Inference Request Examples". */
  private static final String SPEC_REQUEST =
      """
      {
        "id" : "42",
        "inputs" : [
          {
            "name" : "input0",
            "shape" : [ 2, 2 ],
            "datatype" : "UINT32",
            "data" : [ 1, 2, 3, 4 ]
          },
          {
            "name" : "input1",
            "shape" : [ 3 ],
            "datatype" : "BOOL",
            "data" : [ true ]
          }
        ],
        "outputs" : [
          {
            "name" : "output0"
          }
        ]
      }
      """;

  @Test
  void specExampleAsPrintedIsRejectedBecauseItsBoolInputHasOneValueForThree() {
    // The spec's example gives one value for shape [3]; a server must not guess the other two.
    assertThatThrownBy(() -> decode(SPEC_REQUEST))
        .isInstanceOf(KServeException.class)
        .hasMessage("inputs[1] 'input1': shape [3] has 3 elements but 1 values were given");
  }

  @Test
  void specExampleWithAValuePerElementDecodes() {
    InferRequest r = decode(SPEC_REQUEST.replace("[ true ]", "[ true, false, true ]"));

    assertThat(r.id()).isEqualTo("42");
    assertThat(r.modelName()).isEqualTo("mymodel");
    assertThat(r.modelVersion()).isEqualTo("3");
    assertThat(r.inputs())
        .containsExactly(
            new Tensor("input0", Datatype.UINT32, new long[] {2, 2}, new int[] {1, 2, 3, 4}),
            new Tensor("input1", Datatype.BOOL, new long[] {3}, new boolean[] {true, false, true}));
    assertThat(r.outputs()).containsExactly(new RequestedOutput("output0"));
    assertThat(r.parameters()).isEmpty();
  }

  @Test
  void tritonBinaryExampleTakesBothInputsFromTheBinarySectionInOrder() {
    String json =
        """
        {
          "model_name" : "mymodel",
          "inputs" : [
            {"name" : "input0", "shape" : [ 2, 2 ], "datatype" : "UINT32",
             "parameters" : {"binary_data_size" : 16}},
            {"name" : "input1", "shape" : [ 3 ], "datatype" : "BOOL",
             "parameters" : {"binary_data_size" : 3}}
          ],
          "outputs" : [{"name" : "output0", "parameters" : {"binary_data" : true}}]
        }\
        """;
    ByteBuffer bin = ByteBuffer.allocate(19).order(ByteOrder.LITTLE_ENDIAN);
    bin.putInt(1).putInt(2).putInt(-1).putInt(4).put(new byte[] {1, 0, 1});

    InferRequest r = decodeWithBinary(json, bin.array());

    assertThat(r.inputs())
        .containsExactly(
            new Tensor("input0", Datatype.UINT32, new long[] {2, 2}, new int[] {1, 2, -1, 4}),
            new Tensor("input1", Datatype.BOOL, new long[] {3}, new boolean[] {true, false, true}));
    assertThat(r.outputs())
        .containsExactly(new RequestedOutput("output0", Map.of("binary_data", true)));
  }

  @Test
  void binaryBytesElementsAreLengthPrefixedLittleEndian() {
    String json =
        """
        {"inputs":[{"name":"s","shape":[3],"datatype":"BYTES","parameters":{"binary_data_size":19}}]}\
        """;
    byte[] bin = {5, 0, 0, 0, 'h', 'e', 'l', 'l', 'o', 0, 0, 0, 0, 2, 0, 0, 0, (byte) 0xff, 0};

    Tensor s = decodeWithBinary(json, bin).inputs().get(0);

    assertThat(s.bytes())
        .isDeepEqualTo(
            new byte[][] {
              "hello".getBytes(StandardCharsets.US_ASCII), new byte[0], new byte[] {(byte) 0xff, 0}
            });
  }

  @Test
  void jsonAndBinaryInputsMixAndOnlyBinaryOnesConsumeTheSection() {
    String json =
        """
        {"inputs":[
          {"name":"a","shape":[2],"datatype":"FP32","parameters":{"binary_data_size":8}},
          {"name":"b","shape":[1],"datatype":"INT64","data":[7]},
          {"name":"c","shape":[1],"datatype":"FP64","parameters":{"binary_data_size":8,"tag":"x"}}]}\
        """;
    ByteBuffer bin = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    bin.putFloat(1.5f).putFloat(-2f).putDouble(Math.PI);

    InferRequest r = decodeWithBinary(json, bin.array());

    assertThat(r.inputs().get(0).floats()).containsExactly(1.5f, -2f);
    assertThat(r.inputs().get(1).longs()).containsExactly(7L);
    assertThat(r.inputs().get(2).doubles()).containsExactly(Math.PI);
    // binary_data_size describes the wire, not the tensor: only the other parameters remain.
    assertThat(r.inputs().get(2).parameters()).isEqualTo(Map.of("tag", "x"));
  }

  @Test
  void nestedAndFlatDataGiveTheSameRowMajorElements() {
    String nested =
        """
        {"inputs":[{"name":"x","shape":[2,2,2],"datatype":"INT16","data":[[[1,2],[3,4]],[[5,6],[7,8]]]}]}\
        """;
    String flat =
        """
        {"inputs":[{"name":"x","shape":[2,2,2],"datatype":"INT16","data":[1,2,3,4,5,6,7,8]}]}\
        """;

    assertThat(decode(nested).inputs()).isEqualTo(decode(flat).inputs());
    assertThat((short[]) decode(flat).inputs().get(0).data())
        .containsExactly(new short[] {1, 2, 3, 4, 5, 6, 7, 8});
  }

  @Test
  void dataBeforeShapeAndDatatypeIsReadOnceTheyAreKnown() {
    String json =
        """
        {"outputs":[{"name":"y"}],"inputs":[{"data":[[1.25,2],[3,4]],"parameters":{"p":1},
         "shape":[2,2],"name":"x","datatype":"FP64"}],"id":"r1"}\
        """;

    Tensor x = decode(json).inputs().get(0);

    assertThat(x.doubles()).containsExactly(1.25, 2, 3, 4);
    assertThat(x.parameters()).isEqualTo(Map.of("p", 1L));
  }

  @Test
  void parametersKeepStringNumberAndBooleanValues() {
    String json =
        """
        {"parameters":{"binary_data_output":true,"n":3,"t":0.5,"s":"v","skip":null},
         "inputs":[{"name":"x","shape":[1],"datatype":"FP32","data":[1],"parameters":{"k":"v"}}],
         "outputs":[{"name":"y","parameters":{"binary_data":false,"classification":2}}],
         "model_name":"ignored","unknown":{"nested":[1,{"a":2}]}}\
        """;

    InferRequest r = decode(json);

    assertThat(r.parameters())
        .containsExactly(
            Map.entry("binary_data_output", true),
            Map.entry("n", 3L),
            Map.entry("t", 0.5),
            Map.entry("s", "v"));
    assertThat(r.inputs().get(0).parameters()).isEqualTo(Map.of("k", "v"));
    assertThat(r.outputs().get(0).parameters())
        .isEqualTo(Map.of("binary_data", false, "classification", 2L));
    assertThat(r.modelName()).isEqualTo("mymodel");
  }

  @Test
  void emptyTensorsAreAccepted() {
    String json =
        """
        {"inputs":[{"name":"x","shape":[0,4],"datatype":"FP32","data":[]},
                   {"name":"y","shape":[0],"datatype":"BYTES","parameters":{"binary_data_size":0}}]}\
        """;

    InferRequest r = decodeWithBinary(json, new byte[0]);

    assertThat(r.inputs().get(0).floats()).isEmpty();
    assertThat(r.inputs().get(1).bytes()).isEmpty();
  }

  @Test
  void integerLimitsOfEveryIntegerTypeAreAccepted() {
    String json =
        """
        {"inputs":[
          {"name":"i8","shape":[2],"datatype":"INT8","data":[-128,127]},
          {"name":"u8","shape":[2],"datatype":"UINT8","data":[0,255]},
          {"name":"i16","shape":[2],"datatype":"INT16","data":[-32768,32767]},
          {"name":"u16","shape":[2],"datatype":"UINT16","data":[0,65535]},
          {"name":"i32","shape":[2],"datatype":"INT32","data":[-2147483648,2147483647]},
          {"name":"u32","shape":[2],"datatype":"UINT32","data":[0,4294967295]},
          {"name":"i64","shape":[2],"datatype":"INT64","data":[-9223372036854775808,9223372036854775807]},
          {"name":"u64","shape":[2],"datatype":"UINT64","data":[0,18446744073709551615]},
          {"name":"f16","shape":[3],"datatype":"FP16","data":[1.5,-65504,1e-7]}]}\
        """;

    List<Tensor> in = decode(json).inputs();

    assertThat((byte[]) in.get(0).data()).containsExactly(-128, 127);
    assertThat((byte[]) in.get(1).data()).containsExactly(0, -1);
    assertThat((short[]) in.get(2).data()).containsExactly(Short.MIN_VALUE, Short.MAX_VALUE);
    assertThat((short[]) in.get(3).data()).containsExactly((short) 0, (short) -1);
    assertThat(in.get(4).ints()).containsExactly(Integer.MIN_VALUE, Integer.MAX_VALUE);
    assertThat(in.get(5).ints()).containsExactly(0, -1);
    assertThat(in.get(6).longs()).containsExactly(Long.MIN_VALUE, Long.MAX_VALUE);
    assertThat(in.get(7).longs()).containsExactly(0L, -1L);
    assertThat((short[]) in.get(8).data())
        .containsExactly(
            Float.floatToFloat16(1.5f), Float.floatToFloat16(-65504f), Float.floatToFloat16(1e-7f));
  }

  @Test
  void nonFiniteFloatsAreReadAsPythonWritesThem() {
    String json =
        """
        {"inputs":[{"name":"x","shape":[3],"datatype":"FP32","data":[NaN,Infinity,-Infinity]}]}\
        """;

    assertThat(decode(json).inputs().get(0).floats())
        .containsExactly(Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY);
  }

  @Test
  void bytesFromJsonAreTheStringsUtf8Bytes() {
    String json =
        """
        {"inputs":[{"name":"x","shape":[2],"datatype":"BYTES","data":["h\\u00e9llo","\\u2713"]}]}\
        """;

    assertThat(decode(json).inputs().get(0).bytes())
        .isDeepEqualTo(
            new byte[][] {
              "héllo".getBytes(StandardCharsets.UTF_8), "✓".getBytes(StandardCharsets.UTF_8)
            });
  }

  @Test
  void headerLengthCoveringTheWholeBodyMeansNoBinarySection() {
    byte[] body =
        """
        {"inputs":[{"name":"x","shape":[1],"datatype":"INT32","data":[5]}]}  \n\
        """
            .getBytes(StandardCharsets.UTF_8);

    InferRequest r = V2RequestCodec.decode("m", null, body, body.length);

    assertThat(r.inputs().get(0).ints()).containsExactly(5);
    assertThat(r.modelVersion()).isNull();
  }

  @Test
  void errorsAreInvalidInput() {
    assertThatThrownBy(() -> decode("{}"))
        .isInstanceOfSatisfying(
            KServeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT));
  }

  static InferRequest decode(String json) {
    return V2RequestCodec.decode("mymodel", "3", json.getBytes(StandardCharsets.UTF_8), -1);
  }

  static InferRequest decodeWithBinary(String json, byte[] binary) {
    byte[] head = json.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(head);
    body.writeBytes(binary);
    return V2RequestCodec.decode("mymodel", null, body.toByteArray(), head.length);
  }
}
