package dev.kserve4j.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kserve4j.api.AdditionalProperties;
import java.util.List;
import java.util.Map;

/**
 * Request/response logging of a component as CloudEvents ({@code logger}).
 *
 * @param url where the events are sent
 * @param mode what is logged; KServe defaults it to {@code all}
 * @param metadataHeaders HTTP headers copied into the events
 * @param metadataAnnotations InferenceService annotations copied into the events
 * @param storage blob storage for the events
 * @param marshallerUrl the service that transforms records before storage
 * @param batchSize records per batch for blob storage (default 1: immediate)
 * @param batchInterval the longest wait before a partial batch is flushed, a Go duration such as
 *     {@code 5s}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LoggerSpec(
    String url,
    LoggerMode mode,
    List<String> metadataHeaders,
    List<String> metadataAnnotations,
    LoggerStorageSpec storage,
    String marshallerUrl,
    Integer batchSize,
    String batchInterval,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public LoggerSpec {
    additionalProperties = AdditionalProperties.copyOf(additionalProperties);
  }
}
