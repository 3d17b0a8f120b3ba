package dev.kserve4j.server.routing;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One InferenceService (or one of its hosts) as the data plane sees it: who it is, which model
 * names clients may call through it, and which repository model answers each, chosen per request
 * ({@link #resolve}). A name may lead to a model of another name: a revision of a canary rollout
 * ({@code {name}-predictor-00002}), a canary variant, or a component (the InferenceService's host
 * leading to its transformer, its predictor host to the predictor).
 *
 * @param namespace the InferenceService's namespace
 * @param name its name
 * @param targets per model name clients call, the repository models that answer it
 * @param explainers per model name clients call, the repository model that answers its {@code
 *     :explain} (the InferenceService's explainer); a name without one has no explainer
 */
public record ServiceRoute(
    String namespace,
    String name,
    Map<String, TrafficSplit> targets,
    Map<String, String> explainers) {
  public ServiceRoute {
    requireNonNull(namespace, "namespace");
    requireNonNull(name, "name");
    targets = Map.copyOf(targets);
    explainers = Map.copyOf(explainers);
  }

  /** A route without explainers. */
  public ServiceRoute(String namespace, String name, Map<String, TrafficSplit> targets) {
    this(namespace, name, targets, Map.of());
  }

  /** Each of {@code models} answered by the repository model of the same name. */
  public ServiceRoute(String namespace, String name, Set<String> models) {
    this(namespace, name, identity(models));
  }

  private static Map<String, TrafficSplit> identity(Set<String> models) {
    Map<String, TrafficSplit> out = new LinkedHashMap<>();
    models.forEach(m -> out.put(m, TrafficSplit.to(m)));
    return out;
  }

  /** The model names clients may call through this route. */
  public Set<String> models() {
    return targets.keySet();
  }

  /**
   * The repository model that answers this request for {@code model}: chosen per call when the name
   * is split; empty when this route does not serve {@code model}.
   */
  public Optional<String> resolve(String model) {
    TrafficSplit split = targets.get(model);
    return split == null ? Optional.empty() : Optional.of(split.pick());
  }

  /**
   * The repository model that answers {@code :explain} for {@code model}; empty when the
   * InferenceService has no explainer (or this route does not serve {@code model}).
   */
  public Optional<String> explainer(String model) {
    return Optional.ofNullable(explainers.get(model));
  }

  /** {@code namespace/name}, as Kubernetes names a namespaced resource. */
  public String qualifiedName() {
    return namespace + "/" + name;
  }
}
