package dev.kserve4j.protocol.v1;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.protocol.TensorMetadata;
import dev.kserve4j.protocol.v2.internal.JsonTensorReader;
import dev.kserve4j.protocol.v2.internal.JsonTensorWriter;
import dev.kserve4j.protocol.v2.internal.ProtocolJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The KServe V1 protocol's JSON (TensorFlow Serving's row format): {@code :predict} requests with
 * {@code instances} (or {@code inputs}) holding one entry per row, responses with {@code
 * predictions}, and the model list and status objects.
 */
public final class V1Codec {
  private V1Codec() {}

  /**
   * Decodes {@code POST /v1/models/{m}:predict} into a request with one input tensor named {@code
   * input.name()}. Each instance is a number, a string or a (nested) list; all must have the same
   * shape, and the tensor's shape is {@code [n, ...that shape]}. Numbers are converted to {@code
   * input.datatype()}; string instances make a BYTES tensor.
   */
  public static InferRequest decodePredict(String modelName, byte[] body, TensorMetadata input) {
    requireNonNull(modelName, "modelName");
    requireNonNull(input, "input");
    Tensor tensor = readRowsField(body, "request body", List.of("instances", "inputs"), input);
    return new InferRequest(null, modelName, null, List.of(tensor), List.of(), Map.of());
  }

  /**
   * Decodes a {@code :predict} answer, {@code {"predictions": [...]}}, as a client reads it: one
   * output tensor named and typed as {@code output}, rows as {@link #decodePredict} reads
   * instances.
   */
  public static InferResponse decodePredictions(
      String modelName, byte[] body, TensorMetadata output) {
    requireNonNull(modelName, "modelName");
    requireNonNull(output, "output");
    Tensor tensor = readRowsField(body, "response body", List.of("predictions"), output);
    return InferResponse.of(modelName, List.of(tensor));
  }

  /**
   * Encodes a {@code :predict} request, {@code {"instances": [...]}}, from the request's first
   * input, one entry per row (the form {@link #encodePredictions} writes rows in).
   */
  public static byte[] encodeInstances(InferRequest request) {
    requireNonNull(request, "request");
    if (request.inputs().isEmpty()) {
      throw KServeException.invalidInput(
          "request to model '" + request.modelName() + "' has no inputs (expected one)");
    }
    Tensor first = request.inputs().get(0);
    return ProtocolJson.write(
        g -> {
          g.writeStartObject();
          g.writeFieldName("instances");
          JsonTensorWriter.writeNested(g, first);
          g.writeEndObject();
        });
  }

  /** Reads the one of {@code fields} that {@code body} holds as rows of {@code meta}'s tensor. */
  private static Tensor readRowsField(
      byte[] body, String what, List<String> fields, TensorMetadata meta) {
    requireNonNull(body, "body");
    try (JsonParser p = ProtocolJson.parser(body, 0, body.length)) {
      JsonToken t = p.nextToken();
      if (t != JsonToken.START_OBJECT) {
        throw KServeException.invalidInput(
            what
                + ": "
                + (t == null ? "no JSON" : ProtocolJson.describe(p))
                + " (expected a JSON object with \""
                + fields.get(0)
                + "\")");
      }
      Tensor tensor = null;
      String seen = null;
      for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
        p.nextToken();
        if (!fields.contains(field)) {
          p.skipChildren();
          continue;
        }
        if (seen != null) {
          throw KServeException.invalidInput(
              what
                  + ": has both \""
                  + seen
                  + "\" and \""
                  + field
                  + "\" (expected exactly one of them)");
        }
        seen = field;
        tensor = readInstances(p, field, meta);
      }
      if (tensor == null) {
        throw KServeException.invalidInput(
            what
                + ": missing \""
                + fields.get(0)
                + "\" (expected "
                + String.join(" or ", fields.stream().map(f -> "\"" + f + "\"").toList())
                + " holding a list of instances)");
      }
      return tensor;
    } catch (JsonProcessingException e) {
      throw ProtocolJson.malformed(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Tensor readInstances(JsonParser p, String field, TensorMetadata input)
      throws IOException {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      throw KServeException.invalidInput(
          field
              + ": "
              + ProtocolJson.describe(p)
              + " (expected a list of instances; named inputs in an object are not supported)");
    }
    String objectMessage =
        "an object (named-column instances need a model that accepts them;"
            + " this model takes one tensor '"
            + input.name()
            + "' of "
            + input.datatype()
            + ": send each instance as a number, a string or a list)";
    JsonTensorReader.Values v =
        JsonTensorReader.readRows(p, input.datatype(), field, objectMessage);
    if (v.shape()[0] == 0) {
      throw KServeException.invalidInput(field + ": empty list (expected at least one instance)");
    }
    return new Tensor(input.name(), v.datatype(), v.shape(), v.array());
  }

  /**
   * Encodes {@code {"predictions": [...]}} from the response's first output, one entry per row:
   * shape {@code [n]} gives {@code n} scalars, {@code [n, k]} {@code n} lists of {@code k}, and so
   * on.
   */
  public static byte[] encodePredictions(InferResponse response) {
    return encodePredictions(response, V1Predictions.FIRST_OUTPUT);
  }

  /**
   * Encodes {@code {"predictions": [...]}} in {@code style}: see {@link V1Predictions}. For {@link
   * V1Predictions#RECORDS} every output must have the same number of rows (dimension 0).
   */
  public static byte[] encodePredictions(InferResponse response, V1Predictions style) {
    requireNonNull(response, "response");
    requireNonNull(style, "style");
    if (response.outputs().isEmpty()) {
      throw KServeException.modelFailure(
          "model '"
              + response.modelName()
              + "' returned no outputs (expected at least one for \"predictions\")",
          null);
    }
    if (style == V1Predictions.RECORDS) {
      return encodeRecords(response);
    }
    Tensor first = response.outputs().get(0);
    return ProtocolJson.write(
        g -> {
          g.writeStartObject();
          g.writeFieldName("predictions");
          JsonTensorWriter.writeNested(g, first);
          g.writeEndObject();
        });
  }

  private static byte[] encodeRecords(InferResponse response) {
    List<Tensor> outputs = response.outputs();
    long rows = rows(outputs.get(0));
    for (Tensor t : outputs) {
      if (rows(t) != rows) {
        throw KServeException.modelFailure(
            "model '"
                + response.modelName()
                + "': output '"
                + t.name()
                + "' has "
                + rows(t)
                + " rows but '"
                + outputs.get(0).name()
                + "' has "
                + rows
                + " (expected one row per instance in every output)",
            null);
      }
    }
    return ProtocolJson.write(
        g -> {
          g.writeStartObject();
          g.writeArrayFieldStart("predictions");
          for (int row = 0; row < rows; row++) {
            g.writeStartObject();
            for (Tensor t : outputs) {
              g.writeFieldName(t.name());
              JsonTensorWriter.writeRow(g, t, row);
            }
            g.writeEndObject();
          }
          g.writeEndArray();
          g.writeEndObject();
        });
  }

  private static long rows(Tensor t) {
    return t.shape().length == 0 ? 1 : t.shape()[0];
  }

  /** The model list, {@code GET /v1/models}: {@code {"models": [...]}}. */
  public static byte[] modelList(List<String> names) {
    requireNonNull(names, "names");
    return ProtocolJson.write(
        g -> {
          g.writeStartObject();
          g.writeArrayFieldStart("models");
          for (String n : names) {
            g.writeString(n);
          }
          g.writeEndArray();
          g.writeEndObject();
        });
  }

  /** A model's status, {@code GET /v1/models/{m}}: {@code {"name": ..., "ready": ...}}. */
  public static byte[] modelStatus(String name, boolean ready) {
    requireNonNull(name, "name");
    return ProtocolJson.write(
        g -> {
          g.writeStartObject();
          g.writeStringField("name", name);
          g.writeBooleanField("ready", ready);
          g.writeEndObject();
        });
  }
}
