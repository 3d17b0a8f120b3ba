package dev.kserve4j.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.kserve4j.api.knative.Addressable;
import dev.kserve4j.api.knative.KnativeStatus;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The observed state of an InferenceService: Knative-style conditions ({@code Ready}, {@code
 * PredictorReady}, {@code IngressReady}, ...), URLs, per-component revisions and traffic, and the
 * model's rollout state.
 *
 * <p>As in KServe's CRD, the API server keeps status fields the schema does not list.
 */
@PreserveUnknownFields
@JsonInclude(JsonInclude.Include.NON_NULL)
public class InferenceServiceStatus extends KnativeStatus {
  @JsonProperty("address")
  private Addressable address;

  @JsonProperty("url")
  private String url;

  @JsonProperty("components")
  private Map<String, ComponentStatusSpec> components;

  @JsonProperty("modelStatus")
  private ModelStatus modelStatus;

  @JsonProperty("canaryStatuses")
  private List<CanaryStatus> canaryStatuses;

  @JsonProperty("deploymentMode")
  private String deploymentMode;

  @JsonProperty("servingRuntimeName")
  private String servingRuntimeName;

  @JsonProperty("clusterServingRuntimeName")
  private String clusterServingRuntimeName;

  /** The cluster-local address. */
  public Addressable getAddress() {
    return address;
  }

  public void setAddress(Addressable address) {
    this.address = address;
  }

  /** The external URL. */
  public String getUrl() {
    return url;
  }

  public void setUrl(String url) {
    this.url = url;
  }

  /** Per component, keyed {@code predictor}, {@code transformer}, {@code explainer}. */
  public Map<String, ComponentStatusSpec> getComponents() {
    return components;
  }

  public void setComponents(Map<String, ComponentStatusSpec> components) {
    this.components = components;
  }

  /** The model's rollout state. */
  public ModelStatus getModelStatus() {
    return modelStatus;
  }

  public void setModelStatus(ModelStatus modelStatus) {
    this.modelStatus = modelStatus;
  }

  /** Per canary variant. */
  public List<CanaryStatus> getCanaryStatuses() {
    return canaryStatuses;
  }

  public void setCanaryStatuses(List<CanaryStatus> canaryStatuses) {
    this.canaryStatuses = canaryStatuses;
  }

  /** {@code Serverless}, {@code RawDeployment} (or {@code Standard}) or {@code ModelMesh}. */
  public String getDeploymentMode() {
    return deploymentMode;
  }

  public void setDeploymentMode(String deploymentMode) {
    this.deploymentMode = deploymentMode;
  }

  /** The ServingRuntime chosen for the predictor. */
  public String getServingRuntimeName() {
    return servingRuntimeName;
  }

  public void setServingRuntimeName(String servingRuntimeName) {
    this.servingRuntimeName = servingRuntimeName;
  }

  /** The ClusterServingRuntime chosen for the predictor. */
  public String getClusterServingRuntimeName() {
    return clusterServingRuntimeName;
  }

  public void setClusterServingRuntimeName(String clusterServingRuntimeName) {
    this.clusterServingRuntimeName = clusterServingRuntimeName;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof InferenceServiceStatus that
        && super.equals(o)
        && Objects.equals(address, that.address)
        && Objects.equals(url, that.url)
        && Objects.equals(components, that.components)
        && Objects.equals(modelStatus, that.modelStatus)
        && Objects.equals(canaryStatuses, that.canaryStatuses)
        && Objects.equals(deploymentMode, that.deploymentMode)
        && Objects.equals(servingRuntimeName, that.servingRuntimeName)
        && Objects.equals(clusterServingRuntimeName, that.clusterServingRuntimeName);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        super.hashCode(),
        address,
        url,
        components,
        modelStatus,
        canaryStatuses,
        deploymentMode,
        servingRuntimeName,
        clusterServingRuntimeName);
  }
}
