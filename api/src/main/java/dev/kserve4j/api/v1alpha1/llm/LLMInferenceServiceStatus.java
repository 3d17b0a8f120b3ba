package dev.kserve4j.api.v1alpha1.llm;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.kserve4j.api.knative.Addressable;
import dev.kserve4j.api.knative.KnativeStatus;
import java.util.List;
import java.util.Objects;

/**
 * The observed state of an LLMInferenceService ({@code LLMInferenceServiceStatus}): Knative-style
 * conditions, its URL and addresses, and the routing objects.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LLMInferenceServiceStatus extends KnativeStatus {
  @JsonProperty("url")
  private String url;

  @JsonProperty("address")
  private Addressable address;

  @JsonProperty("addresses")
  private List<Addressable> addresses;

  @JsonProperty("router")
  private RouterStatus router;

  /** The preferred URL: a Gateway's, else the workload Service's. */
  public String getUrl() {
    return url;
  }

  public void setUrl(String url) {
    this.url = url;
  }

  /** The single address (kept for schema compatibility; KServe fills {@code addresses}). */
  public Addressable getAddress() {
    return address;
  }

  public void setAddress(Addressable address) {
    this.address = address;
  }

  /** Every address the service is reachable at. */
  public List<Addressable> getAddresses() {
    return addresses;
  }

  public void setAddresses(List<Addressable> addresses) {
    this.addresses = addresses;
  }

  /** The Gateways and scheduler objects, as observed. */
  public RouterStatus getRouter() {
    return router;
  }

  public void setRouter(RouterStatus router) {
    this.router = router;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LLMInferenceServiceStatus that
        && super.equals(o)
        && Objects.equals(url, that.url)
        && Objects.equals(address, that.address)
        && Objects.equals(addresses, that.addresses)
        && Objects.equals(router, that.router);
  }

  @Override
  public int hashCode() {
    return Objects.hash(super.hashCode(), url, address, addresses, router);
  }
}
