package dev.kserve4j.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.kserve4j.api.ProtocolVersion;
import java.util.List;
import java.util.Objects;

/**
 * A model server template: the model formats and protocols it serves and the pod that runs it (the
 * spec of both {@link ServingRuntime} and {@link ClusterServingRuntime}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ServingRuntimeSpec extends ServingRuntimePodSpec {
  @JsonProperty("supportedModelFormats")
  private List<SupportedModelFormat> supportedModelFormats;

  @JsonProperty("multiModel")
  private Boolean multiModel;

  @JsonProperty("disabled")
  private Boolean disabled;

  @JsonProperty("protocolVersions")
  private List<ProtocolVersion> protocolVersions;

  @JsonProperty("workerSpec")
  private WorkerSpec workerSpec;

  @JsonProperty("grpcEndpoint")
  private String grpcEndpoint;

  @JsonProperty("grpcDataEndpoint")
  private String grpcDataEndpoint;

  @JsonProperty("httpDataEndpoint")
  private String httpDataEndpoint;

  @JsonProperty("replicas")
  private Integer replicas;

  @JsonProperty("storageHelper")
  private StorageHelper storageHelper;

  @JsonProperty("builtInAdapter")
  private BuiltInAdapter builtInAdapter;

  /** The formats it serves. */
  public List<SupportedModelFormat> getSupportedModelFormats() {
    return supportedModelFormats;
  }

  public void setSupportedModelFormats(List<SupportedModelFormat> supportedModelFormats) {
    this.supportedModelFormats = supportedModelFormats;
  }

  /** Whether it serves several models per pod (ModelMesh). */
  public Boolean getMultiModel() {
    return multiModel;
  }

  public void setMultiModel(Boolean multiModel) {
    this.multiModel = multiModel;
  }

  /** Whether it is excluded from selection. */
  public Boolean getDisabled() {
    return disabled;
  }

  public void setDisabled(Boolean disabled) {
    this.disabled = disabled;
  }

  /** The protocols it speaks. */
  public List<ProtocolVersion> getProtocolVersions() {
    return protocolVersions;
  }

  public void setProtocolVersions(List<ProtocolVersion> protocolVersions) {
    this.protocolVersions = protocolVersions;
  }

  /** Worker pods for multi-node serving. */
  public WorkerSpec getWorkerSpec() {
    return workerSpec;
  }

  public void setWorkerSpec(WorkerSpec workerSpec) {
    this.workerSpec = workerSpec;
  }

  /** The model-management gRPC endpoint ({@code port:N} or {@code unix:PATH}), multi-model only. */
  public String getGrpcEndpoint() {
    return grpcEndpoint;
  }

  public void setGrpcEndpoint(String grpcEndpoint) {
    this.grpcEndpoint = grpcEndpoint;
  }

  /** The inference gRPC endpoint, multi-model only. */
  public String getGrpcDataEndpoint() {
    return grpcDataEndpoint;
  }

  public void setGrpcDataEndpoint(String grpcDataEndpoint) {
    this.grpcDataEndpoint = grpcDataEndpoint;
  }

  /** The inference HTTP endpoint, multi-model only. */
  public String getHttpDataEndpoint() {
    return httpDataEndpoint;
  }

  public void setHttpDataEndpoint(String httpDataEndpoint) {
    this.httpDataEndpoint = httpDataEndpoint;
  }

  /** Pods per runtime, multi-model only. */
  public Integer getReplicas() {
    return replicas;
  }

  public void setReplicas(Integer replicas) {
    this.replicas = replicas;
  }

  /** Whether the storage initializer is used. */
  public StorageHelper getStorageHelper() {
    return storageHelper;
  }

  public void setStorageHelper(StorageHelper storageHelper) {
    this.storageHelper = storageHelper;
  }

  /** The ModelMesh adapter, multi-model only. */
  public BuiltInAdapter getBuiltInAdapter() {
    return builtInAdapter;
  }

  public void setBuiltInAdapter(BuiltInAdapter builtInAdapter) {
    this.builtInAdapter = builtInAdapter;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ServingRuntimeSpec that
        && super.equals(o)
        && Objects.equals(supportedModelFormats, that.supportedModelFormats)
        && Objects.equals(multiModel, that.multiModel)
        && Objects.equals(disabled, that.disabled)
        && Objects.equals(protocolVersions, that.protocolVersions)
        && Objects.equals(workerSpec, that.workerSpec)
        && Objects.equals(grpcEndpoint, that.grpcEndpoint)
        && Objects.equals(grpcDataEndpoint, that.grpcDataEndpoint)
        && Objects.equals(httpDataEndpoint, that.httpDataEndpoint)
        && Objects.equals(replicas, that.replicas)
        && Objects.equals(storageHelper, that.storageHelper)
        && Objects.equals(builtInAdapter, that.builtInAdapter);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        super.hashCode(),
        supportedModelFormats,
        multiModel,
        disabled,
        protocolVersions,
        workerSpec,
        grpcEndpoint,
        grpcDataEndpoint,
        httpDataEndpoint,
        replicas,
        storageHelper,
        builtInAdapter);
  }
}
