package dev.kserve4j.protocol.v2;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.RequestedOutput;
import dev.kserve4j.protocol.v2.internal.JsonParameters;
import dev.kserve4j.protocol.v2.internal.ProtocolJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code $inference_request} JSON object (Open Inference Protocol REST, "Inference
 * Request JSON Object"). Unknown fields, such as the {@code model_name} some clients repeat from
 * the URL, are skipped.
 */
final class InferRequestReader {
  /** The request as read from its JSON, before the binary section is applied. */
  record Parsed(
      String id,
      Map<String, Object> parameters,
      List<PendingInput> inputs,
      List<RequestedOutput> outputs,
      String modelName,
      String modelVersion) {}

  private final JsonParser p;
  private final byte[] body;
  private final int jsonLength;
  private final boolean response;

  InferRequestReader(JsonParser p, byte[] body, int jsonLength) {
    this(p, body, jsonLength, false);
  }

  /**
   * @param response read the {@code $inference_response} object instead: its tensors are the {@code
   *     outputs}, and {@code model_name} and {@code model_version} are kept
   */
  InferRequestReader(JsonParser p, byte[] body, int jsonLength, boolean response) {
    this.p = p;
    this.body = body;
    this.jsonLength = jsonLength;
    this.response = response;
  }

  Parsed read() throws IOException {
    JsonToken t = p.nextToken();
    if (t != JsonToken.START_OBJECT) {
      throw KServeException.invalidInput(
          "request body: "
              + (t == null ? "no JSON" : ProtocolJson.describe(p))
              + " (expected an inference request JSON object)");
    }
    String id = null;
    Map<String, Object> parameters = Map.of();
    List<PendingInput> inputs = null;
    List<RequestedOutput> outputs = List.of();
    String modelName = null;
    String modelVersion = null;
    for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
      if (response) {
        field =
            switch (field) {
              case "outputs" -> "inputs";
              case "inputs" -> "";
              default -> field;
            };
      }
      switch (field) {
        case "id" -> {
          t = p.nextToken();
          if (t != JsonToken.VALUE_NULL) {
            if (t != JsonToken.VALUE_STRING) {
              throw KServeException.invalidInput(
                  "id: " + ProtocolJson.describe(p) + " (expected a string)");
            }
            id = p.getText();
          }
        }
        case "parameters" -> {
          p.nextToken();
          parameters = JsonParameters.read(p, "parameters");
        }
        case "inputs" -> inputs = readInputs();
        case "outputs" -> outputs = readOutputs();
        case "model_name", "model_version" -> {
          String value = p.nextToken() == JsonToken.VALUE_STRING ? p.getText() : null;
          p.skipChildren();
          if (field.equals("model_name")) {
            modelName = value;
          } else {
            modelVersion = value;
          }
        }
        default -> {
          p.nextToken();
          p.skipChildren();
        }
      }
    }
    if (inputs == null) {
      throw KServeException.invalidInput(
          response
              ? "response body: missing \"outputs\" (expected a list of output tensors)"
              : "request body: missing \"inputs\" (expected a list of input tensors)");
    }
    return new Parsed(id, parameters, inputs, outputs, modelName, modelVersion);
  }

  private List<PendingInput> readInputs() throws IOException {
    expectList("inputs", "a list of input tensors");
    InputReader reader = new InputReader(p, body, jsonLength);
    List<PendingInput> inputs = new ArrayList<>(2);
    Set<String> names = new HashSet<>();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      PendingInput in = reader.read(inputs.size());
      if (!names.add(in.name)) {
        throw KServeException.invalidInput(
            in.path() + ": duplicate input name '" + in.name + "' (expected each input once)");
      }
      inputs.add(in);
    }
    if (inputs.isEmpty()) {
      throw KServeException.invalidInput("inputs: empty list (expected at least one input tensor)");
    }
    return inputs;
  }

  private List<RequestedOutput> readOutputs() throws IOException {
    expectList("outputs", "a list of requested outputs");
    List<RequestedOutput> outputs = new ArrayList<>(2);
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      String path = "outputs[" + outputs.size() + "]";
      if (t != JsonToken.START_OBJECT) {
        throw KServeException.invalidInput(
            path + ": " + ProtocolJson.describe(p) + " (expected a requested output object)");
      }
      String name = null;
      Map<String, Object> parameters = Map.of();
      for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
        if (field.equals("name")) {
          name = ProtocolJson.nextString(p, path + ".name");
        } else if (field.equals("parameters")) {
          p.nextToken();
          parameters = JsonParameters.read(p, path + ".parameters");
        } else {
          p.nextToken();
          p.skipChildren();
        }
      }
      if (name == null) {
        throw KServeException.invalidInput(
            path + ": missing \"name\" (expected the name of a model output)");
      }
      outputs.add(new RequestedOutput(name, parameters));
    }
    return outputs;
  }

  private void expectList(String field, String expected) throws IOException {
    if (p.nextToken() != JsonToken.START_ARRAY) {
      throw KServeException.invalidInput(
          field + ": " + ProtocolJson.describe(p) + " (expected " + expected + ")");
    }
  }
}
