package dev.kserve4j.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.kserve4j.api.v1beta1.ScaleMetric;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The desired state of an InferenceGraph: its nodes (the entry node is {@code root}) and the router
 * deployment.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class InferenceGraphSpec {
  @Required
  @JsonProperty("nodes")
  private Map<String, InferenceRouter> nodes;

  @JsonProperty("resources")
  private ResourceRequirements resources;

  @JsonProperty("affinity")
  private Affinity affinity;

  @JsonProperty("timeout")
  private Long timeout;

  @JsonProperty("routerTimeouts")
  private RouterTimeouts routerTimeouts;

  @JsonProperty("minReplicas")
  private Integer minReplicas;

  @JsonProperty("maxReplicas")
  private Integer maxReplicas;

  @JsonProperty("scaleTarget")
  private Integer scaleTarget;

  @JsonProperty("scaleMetric")
  private ScaleMetric scaleMetric;

  @JsonProperty("tolerations")
  private List<Toleration> tolerations;

  @JsonProperty("nodeSelector")
  private Map<String, String> nodeSelector;

  @JsonProperty("nodeName")
  private String nodeName;

  @JsonProperty("serviceAccountName")
  private String serviceAccountName;

  private final Map<String, Object> additionalProperties = new LinkedHashMap<>();

  /** The nodes by name; requests enter at {@code root}. */
  public Map<String, InferenceRouter> getNodes() {
    return nodes;
  }

  public void setNodes(Map<String, InferenceRouter> nodes) {
    this.nodes = nodes;
  }

  /** The router's resources. */
  public ResourceRequirements getResources() {
    return resources;
  }

  public void setResources(ResourceRequirements resources) {
    this.resources = resources;
  }

  /** The router's scheduling constraints. */
  public Affinity getAffinity() {
    return affinity;
  }

  public void setAffinity(Affinity affinity) {
    this.affinity = affinity;
  }

  /** The request timeout, in seconds. */
  public Long getTimeout() {
    return timeout;
  }

  public void setTimeout(Long timeout) {
    this.timeout = timeout;
  }

  /** The router's server and client timeouts. */
  public RouterTimeouts getRouterTimeouts() {
    return routerTimeouts;
  }

  public void setRouterTimeouts(RouterTimeouts routerTimeouts) {
    this.routerTimeouts = routerTimeouts;
  }

  /** Minimum router replicas (0 enables scale-to-zero). */
  public Integer getMinReplicas() {
    return minReplicas;
  }

  public void setMinReplicas(Integer minReplicas) {
    this.minReplicas = minReplicas;
  }

  /** Maximum router replicas. */
  public Integer getMaxReplicas() {
    return maxReplicas;
  }

  public void setMaxReplicas(Integer maxReplicas) {
    this.maxReplicas = maxReplicas;
  }

  /** The target value of {@code scaleMetric} per replica. */
  public Integer getScaleTarget() {
    return scaleTarget;
  }

  public void setScaleTarget(Integer scaleTarget) {
    this.scaleTarget = scaleTarget;
  }

  /** The metric the autoscaler watches. */
  public ScaleMetric getScaleMetric() {
    return scaleMetric;
  }

  public void setScaleMetric(ScaleMetric scaleMetric) {
    this.scaleMetric = scaleMetric;
  }

  /** Taints the router pods tolerate. */
  public List<Toleration> getTolerations() {
    return tolerations;
  }

  public void setTolerations(List<Toleration> tolerations) {
    this.tolerations = tolerations;
  }

  /** Node labels the router pods must match. */
  public Map<String, String> getNodeSelector() {
    return nodeSelector;
  }

  public void setNodeSelector(Map<String, String> nodeSelector) {
    this.nodeSelector = nodeSelector;
  }

  /** The node the router pods run on. */
  public String getNodeName() {
    return nodeName;
  }

  public void setNodeName(String nodeName) {
    this.nodeName = nodeName;
  }

  /** The router pods' service account. */
  public String getServiceAccountName() {
    return serviceAccountName;
  }

  public void setServiceAccountName(String serviceAccountName) {
    this.serviceAccountName = serviceAccountName;
  }

  /** The fields of the document this type does not declare, kept for the round trip. */
  @JsonAnyGetter
  public Map<String, Object> getAdditionalProperties() {
    return additionalProperties;
  }

  @JsonAnySetter
  public void setAdditionalProperty(String name, Object value) {
    additionalProperties.put(name, value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof InferenceGraphSpec that
        && Objects.equals(nodes, that.nodes)
        && Objects.equals(resources, that.resources)
        && Objects.equals(affinity, that.affinity)
        && Objects.equals(timeout, that.timeout)
        && Objects.equals(routerTimeouts, that.routerTimeouts)
        && Objects.equals(minReplicas, that.minReplicas)
        && Objects.equals(maxReplicas, that.maxReplicas)
        && Objects.equals(scaleTarget, that.scaleTarget)
        && Objects.equals(scaleMetric, that.scaleMetric)
        && Objects.equals(tolerations, that.tolerations)
        && Objects.equals(nodeSelector, that.nodeSelector)
        && Objects.equals(nodeName, that.nodeName)
        && Objects.equals(serviceAccountName, that.serviceAccountName)
        && additionalProperties.equals(that.additionalProperties);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        nodes,
        resources,
        affinity,
        timeout,
        routerTimeouts,
        minReplicas,
        maxReplicas,
        scaleTarget,
        scaleMetric,
        tolerations,
        nodeSelector,
        nodeName,
        serviceAccountName,
        additionalProperties);
  }
}
