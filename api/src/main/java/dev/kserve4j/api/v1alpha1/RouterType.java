package dev.kserve4j.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How an InferenceGraph node routes a request ({@code nodes[name].routerType}). */
public enum RouterType {
  /**
   * Calls the steps in order, each with the previous response (or the original request, per {@code
   * data}).
   */
  @JsonProperty("Sequence")
  SEQUENCE,
  /** Sends each request to one step, chosen by the steps' weights. */
  @JsonProperty("Splitter")
  SPLITTER,
  /** Calls every step in parallel and merges the responses. */
  @JsonProperty("Ensemble")
  ENSEMBLE,
  /** Calls the first step whose {@code condition} matches the request. */
  @JsonProperty("Switch")
  SWITCH
}
