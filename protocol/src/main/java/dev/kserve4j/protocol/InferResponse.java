package dev.kserve4j.protocol;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A transport-free inference response (Open Inference Protocol "Inference Response JSON Object").
 */
public record InferResponse(
    String modelName,
    String modelVersion,
    String id,
    List<Tensor> outputs,
    Map<String, Object> parameters) {

  public InferResponse {
    requireNonNull(modelName, "modelName");
    outputs = List.copyOf(requireNonNull(outputs, "outputs"));
    parameters = parameters == null ? Map.of() : parameters;
  }

  public static InferResponse of(String modelName, List<Tensor> outputs) {
    return new InferResponse(modelName, null, null, outputs, Map.of());
  }

  public Optional<Tensor> output(String name) {
    for (Tensor t : outputs) {
      if (t.name().equals(name)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  public InferResponse withOutputs(List<Tensor> newOutputs) {
    return new InferResponse(modelName, modelVersion, id, newOutputs, parameters);
  }

  public InferResponse withIdentity(String name, String version, String requestId) {
    return new InferResponse(name, version, requestId, outputs, parameters);
  }
}
