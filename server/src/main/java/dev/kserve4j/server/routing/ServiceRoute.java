package dev.kserve4j.server.routing;

import static java.util.Objects.requireNonNull;

import java.util.Set;

/**
 * One InferenceService as the data plane sees it: who it is and which served models answer for it.
 *
 * @param namespace the InferenceService's namespace
 * @param name its name
 * @param models the repository names of the models it serves (KServe's runtimes serve the
 *     predictor's model under the InferenceService's name)
 */
public record ServiceRoute(String namespace, String name, Set<String> models) {
  public ServiceRoute {
    requireNonNull(namespace, "namespace");
    requireNonNull(name, "name");
    models = Set.copyOf(models);
  }

  /** {@code namespace/name}, as Kubernetes names a namespaced resource. */
  public String qualifiedName() {
    return namespace + "/" + name;
  }
}
