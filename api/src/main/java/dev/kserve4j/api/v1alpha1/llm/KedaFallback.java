package dev.kserve4j.api.v1alpha1.llm;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kserve4j.api.AdditionalProperties;
import java.util.Map;

/**
 * The replicas KEDA keeps when a scaler keeps failing ({@code Fallback}).
 *
 * @param failureThreshold failures before falling back
 * @param replicas the replicas to fall back to
 * @param behavior how to apply them, e.g. {@code static}
 * @param additionalProperties fields this type does not declare, kept for the round trip
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KedaFallback(
    Integer failureThreshold,
    Integer replicas,
    String behavior,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public KedaFallback {
    additionalProperties = AdditionalProperties.copyOf(additionalProperties);
  }
}
