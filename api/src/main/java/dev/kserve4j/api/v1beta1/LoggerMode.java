package dev.kserve4j.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What the inference logger records ({@code logger.mode}); KServe defaults it to {@link #ALL}. */
public enum LoggerMode {
  /** Requests and responses. */
  @JsonProperty("all")
  ALL,
  /** Requests only. */
  @JsonProperty("request")
  REQUEST,
  /** Responses only. */
  @JsonProperty("response")
  RESPONSE
}
