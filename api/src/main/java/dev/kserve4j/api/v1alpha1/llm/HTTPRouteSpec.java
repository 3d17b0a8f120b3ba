package dev.kserve4j.api.v1alpha1.llm;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kserve4j.api.AdditionalProperties;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import java.util.List;
import java.util.Map;

/**
 * The HTTPRoute in front of the service ({@code HTTPRouteSpec}): existing routes, or an inline
 * Gateway API spec that KServe manages.
 *
 * @param refs existing HTTPRoutes (then KServe creates none)
 * @param spec the spec of the HTTPRoute KServe creates
 * @param additionalProperties fields this type does not declare, kept for the round trip
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HTTPRouteSpec(
    List<LocalObjectReference> refs,
    io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteSpec spec,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public HTTPRouteSpec {
    additionalProperties = AdditionalProperties.copyOf(additionalProperties);
  }

  /** Whether existing routes are referenced, as KServe's {@code HasRefs}. */
  public boolean hasRefs() {
    return refs != null && !refs.isEmpty();
  }
}
