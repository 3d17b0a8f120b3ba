package dev.kserve4j.plan;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything needed to run an InferenceService: its components and how requests reach them.
 *
 * <p>Routing follows KServe: requests to the InferenceService's host go to the transformer when
 * there is one (it calls the predictor), else to the predictor; {@code :explain} requests go to the
 * explainer, which calls the predictor.
 *
 * @param name the InferenceService's name
 * @param namespace its namespace ({@code default} when the resource names none)
 * @param deploymentMode the mode it is deployed in
 * @param host the InferenceService's external host
 * @param url its URL ({@code status.url})
 * @param predictor the predictor
 * @param transformer the transformer, if any
 * @param explainer the explainer, if any
 * @param canaries the {@code spec.canary[]} variants of the predictor, in spec order
 */
public record InferenceServicePlan(
    String name,
    String namespace,
    DeploymentMode deploymentMode,
    String host,
    String url,
    ComponentPlan predictor,
    Optional<ComponentPlan> transformer,
    Optional<ComponentPlan> explainer,
    List<CanaryPlan> canaries) {

  public InferenceServicePlan {
    requireNonNull(name, "name");
    requireNonNull(namespace, "namespace");
    requireNonNull(deploymentMode, "deploymentMode");
    requireNonNull(host, "host");
    requireNonNull(url, "url");
    requireNonNull(predictor, "predictor");
    requireNonNull(transformer, "transformer");
    requireNonNull(explainer, "explainer");
    canaries = List.copyOf(canaries);
  }

  /** The components, predictor first, then transformer and explainer when present. */
  public List<ComponentPlan> components() {
    List<ComponentPlan> out = new ArrayList<>(List.of(predictor));
    transformer.ifPresent(out::add);
    explainer.ifPresent(out::add);
    return List.copyOf(out);
  }

  /**
   * The share of predict traffic left to the stable predictor when the canaries in {@code ready}
   * take theirs.
   */
  public int stableTrafficPercent(java.util.Set<String> ready) {
    return 100
        - canaries.stream()
            .filter(c -> ready.contains(c.name()))
            .mapToInt(CanaryPlan::trafficPercent)
            .sum();
  }

  /**
   * The component that receives predict requests: the transformer when present, else the predictor.
   */
  public ComponentPlan predictEntry() {
    return transformer.orElse(predictor);
  }

  /** The component that receives {@code :explain} requests, if any. */
  public Optional<ComponentPlan> explainEntry() {
    return explainer;
  }
}
