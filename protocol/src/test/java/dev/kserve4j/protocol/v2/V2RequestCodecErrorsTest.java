package dev.kserve4j.protocol.v2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kserve4j.common.ErrorKind;
import dev.kserve4j.common.KServeException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of bad V2 request body is a 400-class error that names the field, value and
 * expectation.
 */
class V2RequestCodecErrorsTest {

  private static String input(String datatype, String shape, String data) {
    return "{\"inputs\":[{\"name\":\"x\",\"datatype\":\""
        + datatype
        + "\",\"shape\":"
        + shape
        + ",\"data\":"
        + data
        + "}]}";
  }

  static Stream<Arguments> jsonErrors() {
    return Stream.of(
        Arguments.of(
            input("FP33", "[1]", "[1]"),
            "inputs[0].datatype: unknown datatype 'FP33' (expected one of BOOL, UINT8, UINT16,"
                + " UINT32, UINT64, INT8, INT16, INT32, INT64, FP16, FP32, FP64, BYTES)"),
        Arguments.of(
            "{\"inputs\":[{\"name\":\"input-0\",\"shape\":[2,4],\"datatype\":\"FP32\","
                + "\"data\":[[6.8,2.8,4.8,1.4],[6.0,3.4,4.5]]}]}",
            "inputs[0] 'input-0': shape [2, 4] has 8 elements but 7 values were given"),
        Arguments.of(
            input("FP32", "[4]", "[1,2,3,4,5]"),
            "inputs[0] 'x': shape [4] has 4 elements but 5 values were given"),
        Arguments.of(
            input("FP32", "[1000000000]", "[1]"),
            "inputs[0] 'x': shape [1000000000] has 1000000000 elements but 1 values were given"),
        Arguments.of(
            input("FP32", "[65536,65536]", "[1]"),
            "inputs[0].shape: [65536, 65536] has more than 2147483647 elements (expected fewer)"),
        Arguments.of(
            input("FP32", "[4]", "[1,2,3,\"abc\"]"),
            "inputs[0].data[3]: \"abc\" is not a number (expected FP32 values)"),
        Arguments.of(
            input("FP64", "[2,2]", "[[1,2],[null,4]]"),
            "inputs[0].data[1][0]: null is not a number (expected FP64 values)"),
        Arguments.of(
            input("FP16", "[1]", "[{\"a\":1}]"),
            "inputs[0].data[0]: an object (expected FP16 values)"),
        Arguments.of(
            input("INT32", "[2]", "[1,1.5]"),
            "inputs[0].data[1]: 1.5 is not an integer (expected INT32 values)"),
        Arguments.of(
            input("INT8", "[2]", "[1,128]"),
            "inputs[0].data[1]: 128 is out of range for INT8 (expected -128 to 127)"),
        Arguments.of(
            input("UINT8", "[1]", "[-1]"),
            "inputs[0].data[0]: -1 is out of range for UINT8 (expected 0 to 255)"),
        Arguments.of(
            input("UINT16", "[1]", "[65536]"),
            "inputs[0].data[0]: 65536 is out of range for UINT16 (expected 0 to 65535)"),
        Arguments.of(
            input("INT32", "[1]", "[2147483648]"),
            "inputs[0].data[0]: 2147483648 is out of range for INT32 (expected -2147483648 to"
                + " 2147483647)"),
        Arguments.of(
            input("UINT32", "[1]", "[4294967296]"),
            "inputs[0].data[0]: 4294967296 is out of range for UINT32 (expected 0 to 4294967295)"),
        Arguments.of(
            input("INT64", "[1]", "[9223372036854775808]"),
            "inputs[0].data[0]: 9223372036854775808 is out of range for INT64"
                + " (expected -9223372036854775808 to 9223372036854775807)"),
        Arguments.of(
            input("UINT64", "[1]", "[18446744073709551616]"),
            "inputs[0].data[0]: 18446744073709551616 is out of range for UINT64"
                + " (expected 0 to 18446744073709551615)"),
        Arguments.of(
            input("BOOL", "[2]", "[true,1]"),
            "inputs[0].data[1]: 1 is not a boolean (expected BOOL values true or false)"),
        Arguments.of(
            input("BYTES", "[1]", "[5]"),
            "inputs[0].data[0]: 5 is not a string (expected BYTES values)"),
        Arguments.of(
            input("FP32", "[1]", "[" + "[".repeat(40) + "1" + "]".repeat(40) + "]"),
            "inputs[0].data"
                + "[0]".repeat(32)
                + ": lists nested deeper than 32 levels (expected a tensor of lower rank)"),
        Arguments.of(
            input("FP32", "[2,-1]", "[]"),
            "inputs[0].shape[1]: -1 (expected a non-negative integer dimension)"),
        Arguments.of(
            input("FP32", "\"2x2\"", "[]"),
            "inputs[0].shape: \"2x2\" (expected a list of non-negative integer dimensions)"),
        Arguments.of(
            "{\"inputs\":[{\"datatype\":\"FP32\",\"shape\":[1],\"data\":[1]}]}",
            "inputs[0]: missing \"name\" (expected the input's name)"),
        Arguments.of(
            "{\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\",\"data\":[1]}]}",
            "inputs[0] 'x': missing \"shape\" (expected a list of dimensions)"),
        Arguments.of(
            "{\"inputs\":[{\"name\":\"x\",\"shape\":[1],\"data\":[1]}]}",
            "inputs[0] 'x': missing \"datatype\" (expected one of BOOL, UINT8, UINT16, UINT32,"
                + " UINT64, INT8, INT16, INT32, INT64, FP16, FP32, FP64, BYTES)"),
        Arguments.of(
            "{\"inputs\":[{\"name\":\"x\",\"shape\":[1],\"datatype\":\"FP32\"}]}",
            "inputs[0] 'x': no \"data\" (expected \"data\" or parameters.binary_data_size with"
                + " the tensor in the binary section)"),
        Arguments.of(
            "{\"inputs\":[{\"name\":\"x\",\"shape\":[1],\"datatype\":\"FP32\","
                + "\"data\":[1],\"parameters\":{\"binary_data_size\":4}}]}",
            "inputs[0] 'x': has both \"data\" and parameters.binary_data_size (expected one of"
                + " them)"),
        Arguments.of(
            "{\"inputs\":[{\"name\":\"x\",\"shape\":[1],\"datatype\":\"FP32\","
                + "\"parameters\":{\"binary_data_size\":\"4\"}}]}",
            "inputs[0].parameters.binary_data_size: \"4\" (expected a non-negative integer byte"
                + " count)"),
        Arguments.of(
            "{\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[1],\"data\":[1]},"
                + "{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[1],\"data\":[2]}]}",
            "inputs[1]: duplicate input name 'x' (expected each input once)"),
        Arguments.of(
            "{\"id\":\"a\"}",
            "request body: missing \"inputs\" (expected a list of" + " input tensors)"),
        Arguments.of(
            "{\"inputs\":{\"x\":[1]}}", "inputs: an object (expected a list of input tensors)"),
        Arguments.of("{\"inputs\":[]}", "inputs: empty list (expected at least one input tensor)"),
        Arguments.of("{\"inputs\":[[1,2]]}", "inputs[0]: a list (expected an input tensor object)"),
        Arguments.of("{\"inputs\":[{\"name\":7}]}", "inputs[0].name: 7 (expected a string)"),
        Arguments.of(
            "{\"id\":42," + input("FP32", "[1]", "[1]").substring(1), "id: 42 (expected a string)"),
        Arguments.of(
            "{\"parameters\":{\"p\":{\"deep\":1}}," + input("FP32", "[1]", "[1]").substring(1),
            "parameters.p: an object (expected a string, number or boolean)"),
        Arguments.of(
            "{\"outputs\":[{\"parameters\":{}}]," + input("FP32", "[1]", "[1]").substring(1),
            "outputs[0]: missing \"name\" (expected the name of a model output)"),
        Arguments.of("[1,2]", "request body: a list (expected an inference request JSON object)"),
        Arguments.of("", "request body: no JSON (expected an inference request JSON object)"));
  }

  @ParameterizedTest
  @MethodSource("jsonErrors")
  void jsonErrorNamesFieldValueAndExpectation(String body, String message) {
    assertThatThrownBy(() -> V2RequestCodecTest.decode(body))
        .isInstanceOfSatisfying(
            KServeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT))
        .hasMessage(message);
  }

  @Test
  void malformedJsonNamesJacksonsLocation() {
    assertThatThrownBy(() -> V2RequestCodecTest.decode("{\"inputs\": [\n  {\"name\": \"x\",, }]}"))
        .isInstanceOf(KServeException.class)
        .hasMessageStartingWith("malformed JSON in the request body at line 2, column 16:")
        .hasMessageContaining("Unexpected character (','");
  }

  @Test
  void truncatedJsonIsMalformed() {
    assertThatThrownBy(() -> V2RequestCodecTest.decode(input("FP32", "[2]", "[1,")))
        .isInstanceOf(KServeException.class)
        .hasMessageStartingWith("malformed JSON in the request body at line 1");
  }

  @Test
  void binaryBodyWithoutHeaderPointsAtTheMissingHeader() {
    String json =
        "{\"inputs\":[{\"name\":\"x\",\"shape\":[1],\"datatype\":\"FP32\","
            + "\"parameters\":{\"binary_data_size\":4}}]}";
    byte[] body = concat(json, new byte[] {'x', 0, 0, 0});

    assertThatThrownBy(() -> V2RequestCodec.decode("m", null, body, -1))
        .isInstanceOf(KServeException.class)
        .hasMessage(
            "request body: 4 bytes after the JSON object at byte "
                + json.length()
                + " (expected nothing; a body with binary tensor data needs the"
                + " Inference-Header-Content-Length header)");
  }

  @Test
  void headerLengthLargerThanTheBodyIsRejected() {
    byte[] body = input("FP32", "[1]", "[1]").getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> V2RequestCodec.decode("m", null, body, body.length + 1))
        .isInstanceOf(KServeException.class)
        .hasMessage(
            "Inference-Header-Content-Length: "
                + (body.length + 1)
                + " (expected a JSON length from 0 to the body's "
                + body.length
                + " bytes)");
  }

  static Stream<Arguments> binaryErrors() {
    String fp32 =
        "{\"inputs\":[{\"name\":\"x\",\"shape\":[2,2],\"datatype\":\"FP32\","
            + "\"parameters\":{\"binary_data_size\":%d}}]}";
    String bytes =
        "{\"inputs\":[{\"name\":\"s\",\"shape\":[2],\"datatype\":\"BYTES\","
            + "\"parameters\":{\"binary_data_size\":%d}}]}";
    String bool =
        "{\"inputs\":[{\"name\":\"b\",\"shape\":[2],\"datatype\":\"BOOL\","
            + "\"parameters\":{\"binary_data_size\":2}}]}";
    return Stream.of(
        Arguments.of(
            fp32.formatted(16),
            new byte[8],
            "inputs[0] 'x': binary_data_size 16 but only 8 bytes remain in the body"),
        Arguments.of(
            fp32.formatted(12),
            new byte[12],
            "inputs[0] 'x': binary_data_size 12 does not match shape [2, 2] of FP32 (expected 16"
                + " bytes)"),
        Arguments.of(
            fp32.formatted(16),
            new byte[20],
            "request body: 4 bytes of binary data that no input claims (expected exactly 16 bytes"
                + " after the JSON: the sum of the inputs' binary_data_size)"),
        Arguments.of(
            input("FP32", "[1]", "[1]"),
            new byte[3],
            "request body: 3 bytes of binary data that no input claims (expected exactly 0 bytes"
                + " after the JSON: the sum of the inputs' binary_data_size)"),
        Arguments.of(
            bytes.formatted(6),
            new byte[] {1, 0, 0, 0, 'a', 0},
            "inputs[0] 's': binary_data_size 6 is too small for 2 BYTES elements (expected at"
                + " least 4 bytes of length prefix per element)"),
        Arguments.of(
            bytes.formatted(10),
            new byte[] {1, 0, 0, 0, 'a', 9, 0, 0, 0, 'b'},
            "inputs[0] 's': BYTES element 1 has length 9 but only 1 bytes are left of"
                + " binary_data_size 10"),
        Arguments.of(
            bytes.formatted(11),
            new byte[] {1, 0, 0, 0, 'a', 1, 0, 0, 0, 'b', 'c'},
            "inputs[0] 's': binary_data_size 11 but its 2 BYTES elements take 10 bytes (expected"
                + " them to fill it exactly)"),
        Arguments.of(
            bytes.formatted(9),
            new byte[] {1, 0, 0, 0, 'a', (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff},
            "inputs[0] 's': BYTES element 1 has length 4294967295 but only 0 bytes are left of"
                + " binary_data_size 9"),
        Arguments.of(
            bool,
            new byte[] {1, 2},
            "inputs[0] 'b': binary BOOL element 1 is byte 2 (expected 0 or 1)"));
  }

  @ParameterizedTest
  @MethodSource("binaryErrors")
  void binaryErrorNamesInputAndSizes(String json, byte[] binary, String message) {
    byte[] body = concat(json, binary);
    int jsonLength = json.getBytes(StandardCharsets.UTF_8).length;

    assertThatThrownBy(() -> V2RequestCodec.decode("m", null, body, jsonLength))
        .isInstanceOf(KServeException.class)
        .hasMessage(message);
  }

  /** Bytes that change the JSON's structure, numbers and literals when they replace another. */
  private static final String NOISE = "{}[],:\"0-9.eE tnfx\u00ff";

  @Test
  void truncatedOrCorruptedBodiesFailOnlyWithProtocolErrors() {
    String json =
        "{\"id\":\"r\",\"parameters\":{\"binary_data_output\":true},\"inputs\":["
            + "{\"name\":\"a\",\"shape\":[2,2],\"datatype\":\"FP16\",\"data\":[[1.5,-2],[3e2,4]]},"
            + "{\"name\":\"b\",\"shape\":[2],\"datatype\":\"UINT64\",\"data\":[0,18446744073709551615]},"
            + "{\"name\":\"s\",\"shape\":[2],\"datatype\":\"BYTES\",\"parameters\":{\"binary_data_size\":10}}],"
            + "\"outputs\":[{\"name\":\"y\",\"parameters\":{\"binary_data\":true}}]}";
    byte[] valid = concat(json, new byte[] {1, 0, 0, 0, 'a', 1, 0, 0, 0, 'b'});
    int jsonLength = json.length();
    Random random = new Random(42);
    for (int trial = 0; trial < 20_000; trial++) {
      byte[] body = valid.clone();
      int length = trial % 2 == 0 ? random.nextInt(body.length + 1) : body.length;
      for (int flips = random.nextInt(3); flips >= 0; flips--) {
        body[random.nextInt(body.length)] = (byte) NOISE.charAt(random.nextInt(NOISE.length()));
      }
      byte[] cut = Arrays.copyOf(body, length);
      int header = random.nextBoolean() ? Math.min(jsonLength, length) : -1;
      try {
        V2RequestCodec.decode("m", null, cut, header);
      } catch (KServeException expected) {
        assertThat(expected.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
        assertThat(expected.getMessage()).isNotBlank();
      }
    }
  }

  private static byte[] concat(String json, byte[] binary) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(json.getBytes(StandardCharsets.UTF_8));
    out.writeBytes(binary);
    return out.toByteArray();
  }
}
