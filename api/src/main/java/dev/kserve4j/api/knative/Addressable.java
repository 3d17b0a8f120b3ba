package dev.kserve4j.api.knative;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.kserve4j.api.AdditionalProperties;
import java.util.Map;

/**
 * Where a resource can be called ({@code knative.dev/pkg/apis/duck/v1.Addressable}).
 *
 * @param name the address's name, when a resource has several
 * @param url the address
 * @param caCerts PEM certificates of the CA that signed the address's TLS certificate (serialized
 *     as {@code CACerts}, Knative's spelling)
 * @param audience the OIDC audience of the address
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Addressable(
    String name,
    String url,
    @JsonProperty("CACerts") String caCerts,
    String audience,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public Addressable {
    additionalProperties = AdditionalProperties.copyOf(additionalProperties);
  }

  public Addressable(String url) {
    this(null, url, null, null, Map.of());
  }
}
