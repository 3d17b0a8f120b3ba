package dev.kserve4j.plan;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import java.util.List;

/**
 * One component of an InferenceService as it will be deployed.
 *
 * @param component {@code predictor}, {@code transformer} or {@code explainer}
 * @param name the service name, e.g. {@code {isvc}-predictor} (KServe's {@code
 *     PredictorServiceName}, {@code TransformerServiceName}, {@code ExplainerServiceName})
 * @param host the component's external host
 * @param url the component's URL
 * @param runtime the ServingRuntime or ClusterServingRuntime serving the predictor's model; null
 *     for custom containers and other components
 * @param runtimeClusterScoped whether {@code runtime} is a ClusterServingRuntime
 * @param modelFormat the model format label, {@code name} or {@code name:version}; null when none
 * @param storage the model locations, in the order they are mounted
 * @param protocol the protocol the component speaks ({@code v1} when the predictor sets none)
 * @param container the model server container, or null when KServe builds it from cluster
 *     configuration (the ART explainer); {@link #container()} returns a copy
 * @param minReplicas the minimum replicas (KServe's {@code DefaultMinReplicas} 1 when unset)
 * @param maxReplicas the maximum replicas, at least {@code minReplicas} as KServe's HPA makes it
 * @param scaleMetric the metric the autoscaler watches
 * @param scaleTarget the per-replica target of {@code scaleMetric}; null for the autoscaler default
 * @param containerConcurrency the most requests one replica processes at once; null for unlimited
 * @param timeoutSeconds the request timeout in seconds; null for the platform default
 * @param canaryTrafficPercent the share of traffic for the latest revision; null for all of it
 */
public record ComponentPlan(
    String component,
    String name,
    String host,
    String url,
    String runtime,
    boolean runtimeClusterScoped,
    String modelFormat,
    List<StorageLocation> storage,
    String protocol,
    Container container,
    int minReplicas,
    int maxReplicas,
    String scaleMetric,
    Integer scaleTarget,
    Long containerConcurrency,
    Long timeoutSeconds,
    Long canaryTrafficPercent) {

  public ComponentPlan {
    requireNonNull(component, "component");
    requireNonNull(name, "name");
    requireNonNull(host, "host");
    requireNonNull(url, "url");
    requireNonNull(protocol, "protocol");
    storage = List.copyOf(storage);
    container = container == null ? null : new ContainerBuilder(container).build();
  }

  /** The same plan with another container. */
  public ComponentPlan withContainer(Container other) {
    return new ComponentPlan(
        component,
        name,
        host,
        url,
        runtime,
        runtimeClusterScoped,
        modelFormat,
        storage,
        protocol,
        other,
        minReplicas,
        maxReplicas,
        scaleMetric,
        scaleTarget,
        containerConcurrency,
        timeoutSeconds,
        canaryTrafficPercent);
  }

  /** A copy of the container, so that callers cannot change the plan. */
  @Override
  public Container container() {
    return container == null ? null : new ContainerBuilder(container).build();
  }
}
