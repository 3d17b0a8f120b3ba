package dev.kserve4j.protocol.grpc;

import static dev.kserve4j.protocol.grpc.GrpcInferCodecTest.bytes;
import static dev.kserve4j.protocol.grpc.GrpcInferCodecTest.input;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.kserve4j.common.ErrorKind;
import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.grpc.v2.InferParameter;
import dev.kserve4j.protocol.grpc.v2.InferTensorContents;
import dev.kserve4j.protocol.grpc.v2.ModelInferRequest;
import dev.kserve4j.protocol.grpc.v2.ModelInferResponse;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class GrpcInferCodecBadInputTest {

  private static ModelInferRequest.Builder request(ModelInferRequest.InferInputTensor.Builder in) {
    return ModelInferRequest.newBuilder().setModelName("m").addInputs(in);
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> rejects(
      ModelInferRequest.Builder r) {
    return assertThatThrownBy(() -> GrpcInferCodec.decodeRequest(r.build()))
        .isInstanceOfSatisfying(
            KServeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT));
  }

  private static InferTensorContents.Builder fp32(int n) {
    InferTensorContents.Builder c = InferTensorContents.newBuilder();
    for (int i = 0; i < n; i++) {
      c.addFp32Contents(i);
    }
    return c;
  }

  @Test
  void typedValueCountMustMatchShape() {
    rejects(request(input("x", "FP32", 2, 3).setContents(fp32(5))))
        .hasMessage(
            "input 'x': shape [2, 3] has 6 elements but 5 values were given in fp32_contents");
  }

  @Test
  void inputWithoutAnyValuesIsRejected() {
    rejects(request(input("x", "INT64", 2)))
        .hasMessage(
            "input 'x': shape [2] has 2 elements but 0 values were given in int64_contents");
  }

  @Test
  void valuesInTheWrongFieldForTheDatatypeAreRejected() {
    rejects(
            request(
                input("x", "FP32", 1)
                    .setContents(
                        InferTensorContents.newBuilder().addIntContents(1).addFp64Contents(2))))
        .hasMessage(
            "input 'x': datatype FP32 was given values in int_contents, fp64_contents"
                + " (expected: only fp32_contents)");
    rejects(
            request(
                input("u", "UINT8", 1)
                    .setContents(InferTensorContents.newBuilder().addIntContents(1))))
        .hasMessage(
            "input 'u': datatype UINT8 was given values in int_contents"
                + " (expected: only uint_contents)");
  }

  @Test
  void fp16CannotTravelInTypedContents() {
    rejects(request(input("h", "FP16", 1).setContents(fp32(1))))
        .hasMessageContaining("input 'h': FP16 values cannot be sent in contents")
        .hasMessageContaining("raw_input_contents");
  }

  @Test
  void narrowIntegersAreRangeChecked() {
    rejects(
            request(
                input("x", "INT8", 2)
                    .setContents(
                        InferTensorContents.newBuilder().addIntContents(1).addIntContents(300))))
        .hasMessage(
            "input 'x': value 300 at index 1 is out of range for INT8 (expected -128..127)");
    rejects(
            request(
                input("x", "UINT8", 1)
                    .setContents(InferTensorContents.newBuilder().addUintContents(256))))
        .hasMessage("input 'x': value 256 at index 0 is out of range for UINT8 (expected 0..255)");
    rejects(
            request(
                input("x", "UINT16", 1)
                    .setContents(InferTensorContents.newBuilder().addUintContents(-1))))
        .hasMessage(
            "input 'x': value 4294967295 at index 0 is out of range for UINT16"
                + " (expected 0..65535)");
    rejects(
            request(
                input("x", "INT16", 1)
                    .setContents(InferTensorContents.newBuilder().addIntContents(-40000))))
        .hasMessageContaining("value -40000 at index 0 is out of range for INT16");
  }

  @Test
  void rawSizeMustMatchShapeTimesElementSize() {
    rejects(request(input("x", "FP32", 2)).addRawInputContents(bytes(1, 2, 3, 4, 5, 6, 7)))
        .hasMessage(
            "input 'x' (raw_input_contents[0]): 7 bytes were given but shape [2] of FP32"
                + " needs 8 (2 elements x 4 bytes)");
  }

  @Test
  void contentsAndRawTogetherAreRejected() {
    rejects(
            request(input("x", "FP32", 1).setContents(fp32(1)))
                .addRawInputContents(bytes(0, 0, 0, 0)))
        .hasMessage(
            "input 'x': values were given both in contents and in raw_input_contents[0]"
                + " (expected: raw_input_contents for every tensor, or contents for every tensor)");
  }

  @Test
  void rawEntryCountMustMatchInputCount() {
    rejects(
            request(input("x", "FP32", 1))
                .addInputs(input("y", "FP32", 1))
                .addRawInputContents(bytes(0, 0, 0, 0)))
        .hasMessage(
            "raw_input_contents: 1 entries were given for 2 inputs (expected one entry per"
                + " tensor of inputs, in the same order)");
  }

  @Test
  void malformedRawBytesAreRejected() {
    rejects(request(input("s", "BYTES", 2)).addRawInputContents(bytes(1, 0, 0, 0, 'a', 9, 0, 0, 0)))
        .hasMessage(
            "input 's' (raw_input_contents[0]): BYTES element 1 declares 9 bytes but only 0"
                + " remain");
    rejects(request(input("s", "BYTES", 1)).addRawInputContents(bytes(1, 0, 0, 0, 'a', 'b')))
        .hasMessage(
            "input 's' (raw_input_contents[0]): 1 bytes follow the 1 BYTES elements that"
                + " shape [1] describes (expected none)");
    rejects(request(input("s", "BYTES", 2)).addRawInputContents(bytes(0, 0, 0, 0, 1, 0, 0)))
        .hasMessageContaining(
            "7 bytes were given but shape [2] has 2 BYTES elements, which need at" + " least 8");
    rejects(request(input("s", "BYTES", 1_000_000_000)).addRawInputContents(ByteString.EMPTY))
        .hasMessageContaining("has 1000000000 BYTES elements");
  }

  @Test
  void badShapesAndNamesAreRejected() {
    rejects(request(input("x", "FP32", 2, -1)))
        .hasMessageContaining("shape [2, -1] has a negative dimension");
    rejects(request(input("x", "FP32", Long.MAX_VALUE, 4)))
        .hasMessageContaining(
            "input 'x': shape [9223372036854775807, 4] describes more elements"
                + " than one tensor may hold");
    rejects(request(input("x", "FP8", 1)))
        .hasMessageContaining("input 'x' datatype: unknown datatype 'FP8'");
    rejects(request(input("", "FP32", 1)))
        .hasMessage("inputs[0]: name is empty (expected the name of a model input)");
    rejects(ModelInferRequest.newBuilder())
        .hasMessage("model_name: empty (expected the name of a model)");
  }

  @Test
  void parameterWithoutValueIsRejected() {
    rejects(
            request(input("x", "FP32", 1).setContents(fp32(1)))
                .putParameters("p", InferParameter.getDefaultInstance()))
        .hasMessageContaining("request parameter 'p': no value was set");
  }

  @Test
  void responseWithWrongRawCountIsRejectedByTheClientSide() {
    ModelInferResponse response =
        ModelInferResponse.newBuilder()
            .setModelName("m")
            .addOutputs(
                ModelInferResponse.InferOutputTensor.newBuilder()
                    .setName("y")
                    .setDatatype("FP32")
                    .addShape(1))
            .addRawOutputContents(bytes(0, 0, 0, 0))
            .addRawOutputContents(bytes(0, 0, 0, 0))
            .build();

    assertThatThrownBy(() -> GrpcInferCodec.decodeResponse(response))
        .isInstanceOf(KServeException.class)
        .hasMessageStartingWith("raw_output_contents: 2 entries were given for 1 outputs");
  }
}
