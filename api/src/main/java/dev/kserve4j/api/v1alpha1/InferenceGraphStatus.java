package dev.kserve4j.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.kserve4j.api.knative.KnativeStatus;
import java.util.Objects;

/** The observed state of an InferenceGraph: conditions, its URL and deployment mode. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class InferenceGraphStatus extends KnativeStatus {
  @JsonProperty("url")
  private String url;

  @JsonProperty("deploymentMode")
  private String deploymentMode;

  /** The graph's URL. */
  public String getUrl() {
    return url;
  }

  public void setUrl(String url) {
    this.url = url;
  }

  /** {@code Serverless} or {@code RawDeployment}. */
  public String getDeploymentMode() {
    return deploymentMode;
  }

  public void setDeploymentMode(String deploymentMode) {
    this.deploymentMode = deploymentMode;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof InferenceGraphStatus that
        && super.equals(o)
        && Objects.equals(url, that.url)
        && Objects.equals(deploymentMode, that.deploymentMode);
  }

  @Override
  public int hashCode() {
    return Objects.hash(super.hashCode(), url, deploymentMode);
  }
}
