package dev.kserve4j.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kserve4j.api.AdditionalProperties;
import io.fabric8.generator.annotation.Required;
import java.util.Map;

/**
 * One of several model locations and where it is mounted ({@code storageUris[]}).
 *
 * @param uri the model location, e.g. {@code s3://bucket/model}
 * @param mountPath the directory inside the container; KServe defaults it to {@code /mnt/models}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StorageUri(
    @Required String uri,
    @Required String mountPath,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public StorageUri {
    additionalProperties = AdditionalProperties.copyOf(additionalProperties);
  }
}
