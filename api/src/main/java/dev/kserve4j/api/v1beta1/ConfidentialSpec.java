package dev.kserve4j.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kserve4j.api.AdditionalProperties;
import io.fabric8.generator.annotation.Required;
import java.util.Map;

/**
 * Confidential serving: model artifacts decrypted after download with a key from a key broker
 * ({@code confidential}).
 *
 * @param enabled whether confidential serving is active
 * @param resourceId the key broker resource of the decryption key, {@code
 *     kbs:///<repo>/<type>/<tag>}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConfidentialSpec(
    @Required Boolean enabled,
    String resourceId,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public ConfidentialSpec {
    additionalProperties = AdditionalProperties.copyOf(additionalProperties);
  }
}
