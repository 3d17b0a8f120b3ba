package dev.kserve4j.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.Container;
import java.util.Map;
import java.util.Objects;

/**
 * The Adversarial Robustness Toolbox explainer ({@code explainer.art}): KServe's {@code
 * ARTExplainerSpec} with its {@code ExplainerExtensionSpec} and container overrides inlined.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ArtExplainerSpec extends Container {
  @Required
  @JsonProperty("type")
  private ArtExplainerType type;

  @JsonProperty("storageUri")
  private String storageUri;

  @JsonProperty("runtimeVersion")
  private String runtimeVersion;

  @JsonProperty("config")
  private Map<String, String> config;

  @JsonProperty("storage")
  private ModelStorageSpec storage;

  /** The explainer. */
  public ArtExplainerType getType() {
    return type;
  }

  public void setType(ArtExplainerType type) {
    this.type = type;
  }

  /** The location of a trained explanation model. */
  public String getStorageUri() {
    return storageUri;
  }

  public void setStorageUri(String storageUri) {
    this.storageUri = storageUri;
  }

  /** The explainer image tag (default: the latest). */
  public String getRuntimeVersion() {
    return runtimeVersion;
  }

  public void setRuntimeVersion(String runtimeVersion) {
    this.runtimeVersion = runtimeVersion;
  }

  /** Explainer parameters. */
  public Map<String, String> getConfig() {
    return config;
  }

  public void setConfig(Map<String, String> config) {
    this.config = config;
  }

  /** The model location as a storage key and path. */
  public ModelStorageSpec getStorage() {
    return storage;
  }

  public void setStorage(ModelStorageSpec storage) {
    this.storage = storage;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ArtExplainerSpec that
        && super.equals(o)
        && Objects.equals(type, that.type)
        && Objects.equals(storageUri, that.storageUri)
        && Objects.equals(runtimeVersion, that.runtimeVersion)
        && Objects.equals(config, that.config)
        && Objects.equals(storage, that.storage);
  }

  @Override
  public int hashCode() {
    return Objects.hash(super.hashCode(), type, storageUri, runtimeVersion, config, storage);
  }
}
