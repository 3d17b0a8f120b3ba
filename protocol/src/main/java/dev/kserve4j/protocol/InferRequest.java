package dev.kserve4j.protocol;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A transport-free inference request (Open Inference Protocol "Inference Request JSON Object").
 *
 * @param id optional request id echoed in the response; may be null
 * @param modelName the target model
 * @param modelVersion the target version, or null for the model's default
 * @param inputs the input tensors, in request order
 * @param outputs requested outputs; empty means "all outputs, default encoding"
 * @param parameters request parameters (e.g. {@code binary_data_output}); never null
 */
public record InferRequest(
    String id,
    String modelName,
    String modelVersion,
    List<Tensor> inputs,
    List<RequestedOutput> outputs,
    Map<String, Object> parameters) {

  public InferRequest {
    requireNonNull(modelName, "modelName");
    inputs = List.copyOf(requireNonNull(inputs, "inputs"));
    outputs = outputs == null ? List.of() : List.copyOf(outputs);
    parameters = parameters == null ? Map.of() : parameters;
  }

  public static InferRequest of(String modelName, Tensor... inputs) {
    return new InferRequest(null, modelName, null, List.of(inputs), List.of(), Map.of());
  }

  public Optional<Tensor> input(String name) {
    for (Tensor t : inputs) {
      if (t.name().equals(name)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  public InferRequest withInputs(List<Tensor> newInputs) {
    return new InferRequest(id, modelName, modelVersion, newInputs, outputs, parameters);
  }

  public InferRequest withTarget(String name, String version) {
    return new InferRequest(id, name, version, inputs, outputs, parameters);
  }
}
