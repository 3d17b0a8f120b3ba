package dev.kserve4j.local;

import dev.kserve4j.api.v1alpha1.ClusterServingRuntime;
import dev.kserve4j.api.v1alpha1.ServingRuntime;
import dev.kserve4j.plan.RuntimeCandidate;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The runtimes InferenceServices select from: the cluster-scoped ones by name (kserve4j's, then
 * those applied) and the namespaced ServingRuntimes by {@code namespace/name}. Not thread-safe: the
 * control plane guards it with its lock.
 */
final class LocalRuntimes {
  private final Map<String, RuntimeCandidate> cluster = new LinkedHashMap<>();
  private final Map<String, RuntimeCandidate> namespaced = new LinkedHashMap<>();

  LocalRuntimes(List<RuntimeCandidate> clusterRuntimes) {
    clusterRuntimes.forEach(r -> cluster.put(r.name(), r));
  }

  /**
   * Applies a ServingRuntime (to its namespace, {@code default} when unset) or a
   * ClusterServingRuntime, replacing one of the same name.
   *
   * @throws IllegalArgumentException when the resource is neither, or has no name
   */
  void apply(HasMetadata runtime) {
    String name = runtime.getMetadata() == null ? null : runtime.getMetadata().getName();
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException(
          runtime.getKind() + ": metadata.name missing (expected the runtime's name)");
    }
    if (runtime instanceof ClusterServingRuntime c) {
      cluster.put(name, RuntimeCandidate.of(c));
    } else if (runtime instanceof ServingRuntime n) {
      String namespace = n.getMetadata().getNamespace();
      namespace = namespace == null || namespace.isBlank() ? "default" : namespace;
      n.getMetadata().setNamespace(namespace);
      namespaced.put(namespace + "/" + name, RuntimeCandidate.of(n));
    } else {
      throw new IllegalArgumentException(
          runtime.getKind()
              + "/"
              + name
              + ": not a runtime (expected ServingRuntime or ClusterServingRuntime)");
    }
  }

  /** The cluster-scoped runtimes, kserve4j's first. */
  List<RuntimeCandidate> cluster() {
    return List.copyOf(cluster.values());
  }

  /** The namespaced ServingRuntimes in {@code namespace}, in the order they were applied. */
  List<RuntimeCandidate> namespaced(String namespace) {
    String prefix = namespace + "/";
    return namespaced.entrySet().stream()
        .filter(e -> e.getKey().startsWith(prefix))
        .map(Map.Entry::getValue)
        .toList();
  }
}
