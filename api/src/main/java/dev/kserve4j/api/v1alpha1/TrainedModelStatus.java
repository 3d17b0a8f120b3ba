package dev.kserve4j.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.kserve4j.api.knative.Addressable;
import dev.kserve4j.api.knative.KnativeStatus;
import java.util.Objects;

/**
 * The observed state of a TrainedModel: conditions ({@code InferenceServiceReady}, {@code
 * MemoryResourceAvailable}, {@code IsMMSPredictor}, {@code Ready}), its URL and address.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TrainedModelStatus extends KnativeStatus {
  @JsonProperty("url")
  private String url;

  @JsonProperty("address")
  private Addressable address;

  /** Where the model is called. */
  public String getUrl() {
    return url;
  }

  public void setUrl(String url) {
    this.url = url;
  }

  /** Its cluster-local address. */
  public Addressable getAddress() {
    return address;
  }

  public void setAddress(Addressable address) {
    this.address = address;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TrainedModelStatus that
        && super.equals(o)
        && Objects.equals(url, that.url)
        && Objects.equals(address, that.address);
  }

  @Override
  public int hashCode() {
    return Objects.hash(super.hashCode(), url, address);
  }
}
