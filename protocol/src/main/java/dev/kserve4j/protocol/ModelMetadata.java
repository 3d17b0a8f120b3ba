package dev.kserve4j.protocol;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Model metadata as the Open Inference Protocol's "Model Metadata Response JSON Object" describes
 * it.
 *
 * @param name the model name
 * @param versions the versions available (may be empty)
 * @param platform the framework, e.g. {@code "onnxruntime"}, {@code "xgboost"}
 * @param inputs the inputs the model accepts
 * @param outputs the outputs the model produces
 */
public record ModelMetadata(
    String name,
    List<String> versions,
    String platform,
    List<TensorMetadata> inputs,
    List<TensorMetadata> outputs) {
  public ModelMetadata {
    requireNonNull(name, "name");
    versions = versions == null ? List.of() : List.copyOf(versions);
    requireNonNull(platform, "platform");
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
  }

  public ModelMetadata withName(String newName, List<String> newVersions) {
    return new ModelMetadata(newName, newVersions, platform, inputs, outputs);
  }
}
