package dev.kserve4j.protocol.v2;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
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
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes the body of {@code POST /v2/models/{m}[/versions/{v}]/infer} (Open Inference Protocol
 * REST, "Inference") into an {@link InferRequest}, including the binary tensor data extension:
 * inputs with parameter {@code binary_data_size} take their bytes, in input order, from the section
 * after the JSON, whose length the {@code Inference-Header-Content-Length} header gives.
 *
 * <p>Every failure is a {@link KServeException} of kind INVALID_INPUT naming the field, the value
 * and what was expected.
 */
public final class V2RequestCodec {
  private V2RequestCodec() {}

  /**
   * Decodes an inference request.
   *
   * @param body the whole HTTP body
   * @param jsonLength the {@code Inference-Header-Content-Length} header's value, or -1 when absent
   *     (then the whole body is JSON)
   */
  public static InferRequest decode(
      String modelName, String modelVersion, byte[] body, int jsonLength) {
    requireNonNull(modelName, "modelName");
    requireNonNull(body, "body");
    if (jsonLength < -1 || jsonLength > body.length) {
      throw KServeException.invalidInput(
          "Inference-Header-Content-Length: "
              + jsonLength
              + " (expected a JSON length from 0 to the body's "
              + body.length
              + " bytes)");
    }
    int json = jsonLength < 0 ? body.length : jsonLength;
    InferRequestReader.Parsed parsed;
    try (JsonParser p = ProtocolJson.parser(body, 0, json)) {
      parsed = new InferRequestReader(p, body, json).read();
      requireOnlyWhitespace(body, (int) p.currentLocation().getByteOffset(), json, jsonLength);
    } catch (JsonProcessingException e) {
      throw ProtocolJson.malformed(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Tensor> inputs = applyBinarySection(parsed.inputs(), body, json);
    return new InferRequest(
        parsed.id(), modelName, modelVersion, inputs, parsed.outputs(), parsed.parameters());
  }

  /**
   * Decodes an inference response ({@code $inference_response}, Open Inference Protocol REST) as a
   * client reads it, with the binary tensor data extension as for requests.
   *
   * @param body the whole HTTP body
   * @param jsonLength the {@code Inference-Header-Content-Length} header's value, or -1 when absent
   * @param fallbackModelName the model name when the response names none
   */
  public static InferResponse decodeResponse(
      byte[] body, int jsonLength, String fallbackModelName) {
    requireNonNull(body, "body");
    if (jsonLength < -1 || jsonLength > body.length) {
      throw KServeException.invalidInput(
          "Inference-Header-Content-Length: "
              + jsonLength
              + " (expected a JSON length from 0 to the body's "
              + body.length
              + " bytes)");
    }
    int json = jsonLength < 0 ? body.length : jsonLength;
    InferRequestReader.Parsed parsed;
    try (JsonParser p = ProtocolJson.parser(body, 0, json)) {
      parsed = new InferRequestReader(p, body, json, true).read();
      requireOnlyWhitespace(body, (int) p.currentLocation().getByteOffset(), json, jsonLength);
    } catch (JsonProcessingException e) {
      throw ProtocolJson.malformed(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Tensor> outputs = applyBinarySection(parsed.inputs(), body, json);
    String model = parsed.modelName() != null ? parsed.modelName() : fallbackModelName;
    return new InferResponse(
        requireNonNull(model, "fallbackModelName"),
        parsed.modelVersion(),
        parsed.id(),
        outputs,
        parsed.parameters());
  }

  /**
   * Encodes a request as the {@code $inference_request} JSON object, every input's data in the JSON
   * (no binary section): what a client sends, and how a request that arrived in another form (gRPC,
   * binary tensor data) is handed on as JSON.
   */
  public static byte[] encode(InferRequest request) {
    requireNonNull(request, "request");
    return ProtocolJson.write(
        g -> {
          g.writeStartObject();
          if (request.id() != null) {
            g.writeStringField("id", request.id());
          }
          if (!request.parameters().isEmpty()) {
            JsonParameters.write(g, request.parameters());
          }
          g.writeArrayFieldStart("inputs");
          for (Tensor t : request.inputs()) {
            g.writeStartObject();
            g.writeStringField("name", t.name());
            g.writeStringField("datatype", t.datatype().name());
            g.writeFieldName("shape");
            g.writeArray(t.shape(), 0, t.shape().length);
            Map<String, Object> parameters = new LinkedHashMap<>(t.parameters());
            parameters.remove(PendingInput.BINARY_DATA_SIZE);
            if (!parameters.isEmpty()) {
              JsonParameters.write(g, parameters);
            }
            g.writeFieldName("data");
            JsonTensorWriter.writeFlat(g, t);
            g.writeEndObject();
          }
          g.writeEndArray();
          if (!request.outputs().isEmpty()) {
            g.writeArrayFieldStart("outputs");
            for (RequestedOutput o : request.outputs()) {
              g.writeStartObject();
              g.writeStringField("name", o.name());
              if (!o.parameters().isEmpty()) {
                JsonParameters.write(g, o.parameters());
              }
              g.writeEndObject();
            }
            g.writeEndArray();
          }
          g.writeEndObject();
        });
  }

  private static void requireOnlyWhitespace(byte[] body, int from, int to, int jsonLength) {
    for (int i = from; i < to; i++) {
      byte b = body[i];
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        throw KServeException.invalidInput(
            "request body: "
                + (to - i)
                + " bytes after the JSON"
                + " object at byte "
                + i
                + (jsonLength < 0
                    ? " (expected nothing; a body with binary tensor data needs the"
                        + " Inference-Header-Content-Length header)"
                    : " within Inference-Header-Content-Length "
                        + jsonLength
                        + " (expected only the JSON object)"));
      }
    }
  }

  private static List<Tensor> applyBinarySection(
      List<PendingInput> pending, byte[] body, int json) {
    List<Tensor> tensors = new ArrayList<>(pending.size());
    int offset = json;
    long claimed = 0;
    for (PendingInput in : pending) {
      if (in.binarySize >= 0) {
        int fixed = in.datatype.byteSize();
        if (fixed > 0 && in.binarySize != (long) in.count() * fixed) {
          throw KServeException.invalidInput(
              in.label()
                  + ": binary_data_size "
                  + in.binarySize
                  + " does not match shape "
                  + Arrays.toString(in.shape)
                  + " of "
                  + in.datatype
                  + " (expected "
                  + (long) in.count() * fixed
                  + " bytes)");
        }
        int remaining = body.length - offset;
        if (in.binarySize > remaining) {
          throw KServeException.invalidInput(
              in.label()
                  + ": binary_data_size "
                  + in.binarySize
                  + " but only "
                  + remaining
                  + " bytes remain in the body");
        }
        int size = (int) in.binarySize;
        in.data = BinaryTensorData.read(body, offset, size, in.datatype, in.count(), in.label());
        offset += size;
        claimed += size;
      }
      tensors.add(in.toTensor());
    }
    if (offset != body.length) {
      throw KServeException.invalidInput(
          "request body: "
              + (body.length - offset)
              + " bytes of binary data that no input claims (expected exactly "
              + claimed
              + " bytes after the JSON: the sum of the inputs' binary_data_size)");
    }
    return tensors;
  }
}
