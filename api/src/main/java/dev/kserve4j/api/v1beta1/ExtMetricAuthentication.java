package dev.kserve4j.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kserve4j.api.AdditionalProperties;
import io.fabric8.generator.annotation.Required;
import java.util.Map;

/**
 * How external metric queries authenticate ({@code authenticationRef}, KEDA's trigger
 * authentication).
 *
 * @param authenticationRef the secret
 * @param authModes {@code bearer}, {@code basic} or {@code tls}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExtMetricAuthentication(
    @Required AuthenticationRef authenticationRef,
    String authModes,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public ExtMetricAuthentication {
    additionalProperties = AdditionalProperties.copyOf(additionalProperties);
  }
}
