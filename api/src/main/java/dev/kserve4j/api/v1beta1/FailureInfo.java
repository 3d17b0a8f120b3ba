package dev.kserve4j.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kserve4j.api.AdditionalProperties;
import java.util.Map;

/**
 * The last failure of a model ({@code modelStatus.lastFailureInfo}).
 *
 * @param location where it happened, e.g. the pod
 * @param reason the category
 * @param message the detail
 * @param modelRevisionName the revision that failed
 * @param time when, RFC 3339 (kept as written)
 * @param exitCode the container's exit code, when it exited
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FailureInfo(
    String location,
    FailureReason reason,
    String message,
    String modelRevisionName,
    String time,
    Integer exitCode,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public FailureInfo {
    additionalProperties = AdditionalProperties.copyOf(additionalProperties);
  }
}
