package dev.kserve4j.server.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * One model the server serves.
 *
 * @param name the served name (the {@code {m}} of {@code /v2/models/{m}})
 * @param version the served version, or null when unversioned
 * @param directory the directory holding the model files
 * @param format the runtime format ({@code onnx}, {@code xgboost}, ...), or null to detect it
 * @param options runtime options passed to the runtime unchanged
 * @param batching dynamic batching, or null when off (the default, as in Triton)
 * @param replicas how many instances serve it and how requests wait for one, or null for one
 *     instance loaded once (the default)
 */
public record ModelConfig(
    String name,
    String version,
    Path directory,
    String format,
    Map<String, String> options,
    BatchingConfig batching,
    ReplicaSettings replicas) {

  public ModelConfig {
    requireNonNull(name, "name");
    requireNonNull(directory, "directory");
    if (name.isBlank() || name.contains("/")) {
      throw new IllegalArgumentException(
          "model name: '" + name + "' (expected a non-empty name without '/')");
    }
    options = options == null ? Map.of() : Map.copyOf(options);
  }

  /** A model served by one instance. */
  public ModelConfig(
      String name,
      String version,
      Path directory,
      String format,
      Map<String, String> options,
      BatchingConfig batching) {
    this(name, version, directory, format, options, batching, null);
  }

  public static ModelConfig of(String name, Path directory) {
    return new ModelConfig(name, null, directory, null, Map.of(), null);
  }

  public Optional<String> formatIfGiven() {
    return Optional.ofNullable(format);
  }

  public ModelConfig withBatching(BatchingConfig newBatching) {
    return new ModelConfig(name, version, directory, format, options, newBatching, replicas);
  }

  public ModelConfig withFormat(String newFormat) {
    return new ModelConfig(name, version, directory, newFormat, options, batching, replicas);
  }

  /** This model served by a set of replicas ({@code null}: one instance, loaded once). */
  public ModelConfig withReplicas(ReplicaSettings newReplicas) {
    return new ModelConfig(name, version, directory, format, options, batching, newReplicas);
  }
}
