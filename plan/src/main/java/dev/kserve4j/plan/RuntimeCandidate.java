package dev.kserve4j.plan;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.api.v1alpha1.ClusterServingRuntime;
import dev.kserve4j.api.v1alpha1.ServingRuntime;
import dev.kserve4j.api.v1alpha1.ServingRuntimeSpec;
import java.time.Instant;

/**
 * A ServingRuntime or ClusterServingRuntime as runtime selection sees it.
 *
 * @param name the runtime's name
 * @param clusterScoped true for a ClusterServingRuntime
 * @param created the creation time (newer runtimes are preferred among equals); may be null
 * @param spec the runtime's spec
 */
public record RuntimeCandidate(
    String name, boolean clusterScoped, Instant created, ServingRuntimeSpec spec) {

  public RuntimeCandidate {
    requireNonNull(name, "name");
    requireNonNull(spec, "spec");
  }

  public static RuntimeCandidate of(ServingRuntime runtime) {
    return new RuntimeCandidate(
        runtime.getMetadata().getName(),
        false,
        created(runtime.getMetadata().getCreationTimestamp()),
        runtime.getSpec());
  }

  public static RuntimeCandidate of(ClusterServingRuntime runtime) {
    return new RuntimeCandidate(
        runtime.getMetadata().getName(),
        true,
        created(runtime.getMetadata().getCreationTimestamp()),
        runtime.getSpec());
  }

  private static Instant created(String timestamp) {
    return timestamp == null || timestamp.isBlank() ? null : Instant.parse(timestamp);
  }

  /** "ServingRuntime name" or "ClusterServingRuntime name", for messages. */
  public String describe() {
    return (clusterScoped ? "ClusterServingRuntime " : "ServingRuntime ") + name;
  }
}
