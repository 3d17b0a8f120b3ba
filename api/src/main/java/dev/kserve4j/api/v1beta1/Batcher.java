package dev.kserve4j.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kserve4j.api.AdditionalProperties;
import java.util.Map;

/**
 * Server-side request batching of a component ({@code batcher}).
 *
 * @param maxBatchSize the number of requests that closes a batch
 * @param maxLatency the longest wait that closes a batch, in milliseconds
 * @param timeout the timeout of a batch, in seconds
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Batcher(
    Integer maxBatchSize,
    Integer maxLatency,
    Integer timeout,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public Batcher {
    additionalProperties = AdditionalProperties.copyOf(additionalProperties);
  }
}
