package dev.kserve4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A V2 REST reply in the binary tensor data extension's layout: a JSON header of {@code
 * Inference-Header-Content-Length} bytes, then each binary output's raw little-endian bytes in the
 * order of {@code outputs}, each {@code parameters.binary_data_size} long.
 *
 * @param header the JSON part
 * @param raw the raw bytes of every binary output, by output name
 */
record BinaryReply(JsonNode header, Map<String, ByteBuffer> raw) {

  /** Splits {@code reply}; fails the test when the header is missing or the sizes do not add up. */
  static BinaryReply of(RestClient.Reply reply) {
    String length = reply.header("Inference-Header-Content-Length");
    assertThat(length).as("Inference-Header-Content-Length of %s", reply.text()).isNotNull();
    int jsonLength = Integer.parseInt(length);
    JsonNode header;
    try {
      header =
          new ObjectMapper()
              .readTree(new String(reply.body(), 0, jsonLength, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, ByteBuffer> raw = new LinkedHashMap<>();
    int offset = jsonLength;
    for (JsonNode output : header.get("outputs")) {
      JsonNode size = output.at("/parameters/binary_data_size");
      if (size.isMissingNode()) {
        continue;
      }
      raw.put(
          output.get("name").asText(),
          ByteBuffer.wrap(reply.body(), offset, size.asInt())
              .slice()
              .order(ByteOrder.LITTLE_ENDIAN));
      offset += size.asInt();
    }
    assertThat(offset)
        .as("JSON header plus binary_data_size of every output")
        .isEqualTo(reply.body().length);
    return new BinaryReply(header, raw);
  }

  float[] floats(String output) {
    ByteBuffer b = raw.get(output).duplicate().order(ByteOrder.LITTLE_ENDIAN);
    float[] out = new float[b.remaining() / Float.BYTES];
    b.asFloatBuffer().get(out);
    return out;
  }

  double[] doubles(String output) {
    ByteBuffer b = raw.get(output).duplicate().order(ByteOrder.LITTLE_ENDIAN);
    double[] out = new double[b.remaining() / Double.BYTES];
    b.asDoubleBuffer().get(out);
    return out;
  }
}
