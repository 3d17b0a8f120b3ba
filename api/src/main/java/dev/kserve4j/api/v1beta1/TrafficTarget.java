package dev.kserve4j.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kserve4j.api.AdditionalProperties;
import java.util.Map;

/**
 * A share of a component's traffic sent to one revision (Knative's {@code TrafficTarget}).
 *
 * @param tag the route tag, e.g. {@code prev}, {@code latest}
 * @param revisionName the revision
 * @param configurationName the configuration whose latest ready revision gets this share
 * @param latestRevision whether this share follows the latest ready revision
 * @param percent the share, 0-100
 * @param url the URL of the tag, when tagged
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrafficTarget(
    String tag,
    String revisionName,
    String configurationName,
    Boolean latestRevision,
    Long percent,
    String url,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public TrafficTarget {
    additionalProperties = AdditionalProperties.copyOf(additionalProperties);
  }
}
