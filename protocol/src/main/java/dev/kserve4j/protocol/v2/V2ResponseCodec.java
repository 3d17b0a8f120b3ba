package dev.kserve4j.protocol.v2;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.protocol.RequestedOutput;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.protocol.v2.internal.BinaryTensorData;
import dev.kserve4j.protocol.v2.internal.JsonParameters;
import dev.kserve4j.protocol.v2.internal.JsonTensorWriter;
import dev.kserve4j.protocol.v2.internal.ProtocolJson;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes an {@link InferResponse} as the {@code $inference_response} JSON object (Open Inference
 * Protocol REST, "Inference Response JSON Object"), with outputs in the binary tensor data
 * extension's section after the JSON when the request asked for it.
 *
 * <p>An output is binary when its requested output has parameter {@code binary_data}; without that
 * parameter, when the request has {@code binary_data_output: true} (the extension's rule: {@code
 * binary_data} on an output overrides the request-wide setting). A binary output carries {@code
 * "parameters": {"binary_data_size": n}} and no {@code data}.
 */
public final class V2ResponseCodec {
  /**
   * An encoded response body.
   *
   * @param jsonLength the length of the JSON part, for the {@code Inference-Header-Content-Length}
   *     header; -1 when the body has no binary section (then it is all JSON)
   */
  public record Encoded(byte[] body, int jsonLength) {}

  private V2ResponseCodec() {}

  /** Encodes the response; {@code request} decides which outputs are binary. */
  public static Encoded encode(InferResponse response, InferRequest request) {
    requireNonNull(response, "response");
    requireNonNull(request, "request");
    List<Tensor> outputs = response.outputs();
    long[] binarySizes = new long[outputs.size()];
    boolean anyBinary = false;
    long binaryTotal = 0;
    for (int i = 0; i < outputs.size(); i++) {
      Tensor t = outputs.get(i);
      binarySizes[i] = wantsBinary(request, t.name()) ? BinaryTensorData.byteSize(t) : -1;
      if (binarySizes[i] >= 0) {
        anyBinary = true;
        binaryTotal += binarySizes[i];
      }
    }
    byte[] json = ProtocolJson.write(g -> writeResponse(g, response, binarySizes));
    if (!anyBinary) {
      return new Encoded(json, -1);
    }
    if (json.length + binaryTotal > Integer.MAX_VALUE - 8) {
      throw KServeException.tooLarge(
          "response: "
              + binaryTotal
              + " bytes of binary output data"
              + " (expected a body under 2 GiB)");
    }
    byte[] body = Arrays.copyOf(json, json.length + (int) binaryTotal);
    ByteBuffer out = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN).position(json.length);
    for (int i = 0; i < outputs.size(); i++) {
      if (binarySizes[i] >= 0) {
        BinaryTensorData.write(outputs.get(i), out);
      }
    }
    return new Encoded(body, json.length);
  }

  private static boolean wantsBinary(InferRequest request, String output) {
    for (RequestedOutput r : request.outputs()) {
      if (r.name().equals(output)) {
        Object flag = r.parameters().get("binary_data");
        if (flag != null) {
          return Boolean.TRUE.equals(flag);
        }
      }
    }
    return Boolean.TRUE.equals(request.parameters().get("binary_data_output"));
  }

  private static void writeResponse(JsonGenerator g, InferResponse r, long[] binarySizes)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("model_name", r.modelName());
    if (r.modelVersion() != null) {
      g.writeStringField("model_version", r.modelVersion());
    }
    if (r.id() != null) {
      g.writeStringField("id", r.id());
    }
    if (!r.parameters().isEmpty()) {
      JsonParameters.write(g, r.parameters());
    }
    g.writeArrayFieldStart("outputs");
    for (int i = 0; i < binarySizes.length; i++) {
      writeOutput(g, r.outputs().get(i), binarySizes[i]);
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void writeOutput(JsonGenerator g, Tensor t, long binarySize) throws IOException {
    g.writeStartObject();
    g.writeStringField("name", t.name());
    g.writeStringField("datatype", t.datatype().name());
    g.writeFieldName("shape");
    g.writeArray(t.shape(), 0, t.shape().length);
    Map<String, Object> parameters = t.parameters();
    if (binarySize >= 0) {
      parameters = new LinkedHashMap<>(parameters);
      parameters.put(PendingInput.BINARY_DATA_SIZE, binarySize);
    } else if (parameters.containsKey(PendingInput.BINARY_DATA_SIZE)) {
      parameters = new LinkedHashMap<>(parameters);
      parameters.remove(PendingInput.BINARY_DATA_SIZE);
    }
    if (!parameters.isEmpty()) {
      JsonParameters.write(g, parameters);
    }
    if (binarySize < 0) {
      g.writeFieldName("data");
      JsonTensorWriter.writeFlat(g, t);
    }
    g.writeEndObject();
  }
}
