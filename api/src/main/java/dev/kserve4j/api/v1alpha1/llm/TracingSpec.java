package dev.kserve4j.api.v1alpha1.llm;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kserve4j.api.AdditionalProperties;
import java.util.Map;

/**
 * OpenTelemetry tracing of the model server ({@code TracingSpec}).
 *
 * @param exporter the exporter, e.g. {@code otlp}
 * @param exporterEndpoint the collector endpoint
 * @param sampler the sampler, e.g. {@code parentbased_traceidratio}
 * @param samplerArg the sampler's argument, e.g. {@code 0.1}
 * @param additionalProperties fields this type does not declare, kept for the round trip
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TracingSpec(
    String exporter,
    String exporterEndpoint,
    String sampler,
    String samplerArg,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public TracingSpec {
    additionalProperties = AdditionalProperties.copyOf(additionalProperties);
  }
}
