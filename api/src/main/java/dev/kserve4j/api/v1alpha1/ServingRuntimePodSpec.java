package dev.kserve4j.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PodResourceClaim;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The pod-level fields a ServingRuntime sets (KServe's {@code ServingRuntimePodSpec}, inlined into
 * {@link ServingRuntimeSpec} and {@link WorkerSpec}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ServingRuntimePodSpec {
  @Required
  @JsonProperty("containers")
  private List<Container> containers;

  @JsonProperty("volumes")
  private List<Volume> volumes;

  @JsonProperty("nodeSelector")
  private Map<String, String> nodeSelector;

  @JsonProperty("affinity")
  private Affinity affinity;

  @JsonProperty("tolerations")
  private List<Toleration> tolerations;

  @JsonProperty("labels")
  private Map<String, String> labels;

  @JsonProperty("annotations")
  private Map<String, String> annotations;

  @JsonProperty("imagePullSecrets")
  private List<LocalObjectReference> imagePullSecrets;

  @JsonProperty("hostIPC")
  private Boolean hostIPC;

  @JsonProperty("schedulerName")
  private String schedulerName;

  @JsonProperty("resourceClaims")
  private List<PodResourceClaim> resourceClaims;

  private final Map<String, Object> additionalProperties = new LinkedHashMap<>();

  /** The runtime's containers; the model server is {@code kserve-container}. */
  public List<Container> getContainers() {
    return containers;
  }

  public void setContainers(List<Container> containers) {
    this.containers = containers;
  }

  /** Pod volumes. */
  public List<Volume> getVolumes() {
    return volumes;
  }

  public void setVolumes(List<Volume> volumes) {
    this.volumes = volumes;
  }

  /** Node labels the pods must match. */
  public Map<String, String> getNodeSelector() {
    return nodeSelector;
  }

  public void setNodeSelector(Map<String, String> nodeSelector) {
    this.nodeSelector = nodeSelector;
  }

  /** Scheduling constraints. */
  public Affinity getAffinity() {
    return affinity;
  }

  public void setAffinity(Affinity affinity) {
    this.affinity = affinity;
  }

  /** Taints the pods tolerate. */
  public List<Toleration> getTolerations() {
    return tolerations;
  }

  public void setTolerations(List<Toleration> tolerations) {
    this.tolerations = tolerations;
  }

  /** Labels added to the pods. */
  public Map<String, String> getLabels() {
    return labels;
  }

  public void setLabels(Map<String, String> labels) {
    this.labels = labels;
  }

  /** Annotations added to the pods. */
  public Map<String, String> getAnnotations() {
    return annotations;
  }

  public void setAnnotations(Map<String, String> annotations) {
    this.annotations = annotations;
  }

  /** Secrets for pulling the images. */
  public List<LocalObjectReference> getImagePullSecrets() {
    return imagePullSecrets;
  }

  public void setImagePullSecrets(List<LocalObjectReference> imagePullSecrets) {
    this.imagePullSecrets = imagePullSecrets;
  }

  /** Whether the pods use the host's IPC namespace. */
  public Boolean getHostIPC() {
    return hostIPC;
  }

  public void setHostIPC(Boolean hostIPC) {
    this.hostIPC = hostIPC;
  }

  /** The scheduler of the pods. */
  public String getSchedulerName() {
    return schedulerName;
  }

  public void setSchedulerName(String schedulerName) {
    this.schedulerName = schedulerName;
  }

  /** Dynamic resource claims of the pods. */
  public List<PodResourceClaim> getResourceClaims() {
    return resourceClaims;
  }

  public void setResourceClaims(List<PodResourceClaim> resourceClaims) {
    this.resourceClaims = resourceClaims;
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
    return o instanceof ServingRuntimePodSpec that
        && Objects.equals(containers, that.containers)
        && Objects.equals(volumes, that.volumes)
        && Objects.equals(nodeSelector, that.nodeSelector)
        && Objects.equals(affinity, that.affinity)
        && Objects.equals(tolerations, that.tolerations)
        && Objects.equals(labels, that.labels)
        && Objects.equals(annotations, that.annotations)
        && Objects.equals(imagePullSecrets, that.imagePullSecrets)
        && Objects.equals(hostIPC, that.hostIPC)
        && Objects.equals(schedulerName, that.schedulerName)
        && Objects.equals(resourceClaims, that.resourceClaims)
        && additionalProperties.equals(that.additionalProperties);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        containers,
        volumes,
        nodeSelector,
        affinity,
        tolerations,
        labels,
        annotations,
        imagePullSecrets,
        hostIPC,
        schedulerName,
        resourceClaims,
        additionalProperties);
  }
}
