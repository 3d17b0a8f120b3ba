package dev.kserve4j.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.kserve4j.api.ProtocolVersion;
import io.fabric8.kubernetes.api.model.Container;
import java.util.Objects;

/**
 * A framework shortcut of the predictor ({@code sklearn}, {@code xgboost}, {@code onnx}, ...): the
 * model location and protocol, over a container whose fields override the runtime's defaults
 * (KServe's {@code PredictorExtensionSpec}, which inlines {@code corev1.Container}).
 *
 * <p>KServe has one Go type per framework, all with exactly these fields; one class serves them
 * all.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PredictorExtensionSpec extends Container {
  @JsonProperty("storageUri")
  private String storageUri;

  @JsonProperty("runtimeVersion")
  private String runtimeVersion;

  @JsonProperty("protocolVersion")
  private ProtocolVersion protocolVersion;

  @JsonProperty("storage")
  private ModelStorageSpec storage;

  @JsonProperty("confidential")
  private ConfidentialSpec confidential;

  /** The model location, e.g. {@code gs://bucket/model}, {@code pvc://claim/path}. */
  public String getStorageUri() {
    return storageUri;
  }

  public void setStorageUri(String storageUri) {
    this.storageUri = storageUri;
  }

  /** The runtime image tag. */
  public String getRuntimeVersion() {
    return runtimeVersion;
  }

  public void setRuntimeVersion(String runtimeVersion) {
    this.runtimeVersion = runtimeVersion;
  }

  /** The protocol the predictor serves. */
  public ProtocolVersion getProtocolVersion() {
    return protocolVersion;
  }

  public void setProtocolVersion(ProtocolVersion protocolVersion) {
    this.protocolVersion = protocolVersion;
  }

  /** The model location as a storage key and path. */
  public ModelStorageSpec getStorage() {
    return storage;
  }

  public void setStorage(ModelStorageSpec storage) {
    this.storage = storage;
  }

  /** Confidential serving of encrypted model artifacts. */
  public ConfidentialSpec getConfidential() {
    return confidential;
  }

  public void setConfidential(ConfidentialSpec confidential) {
    this.confidential = confidential;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PredictorExtensionSpec that
        && super.equals(o)
        && Objects.equals(storageUri, that.storageUri)
        && Objects.equals(runtimeVersion, that.runtimeVersion)
        && Objects.equals(protocolVersion, that.protocolVersion)
        && Objects.equals(storage, that.storage)
        && Objects.equals(confidential, that.confidential);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        super.hashCode(), storageUri, runtimeVersion, protocolVersion, storage, confidential);
  }
}
