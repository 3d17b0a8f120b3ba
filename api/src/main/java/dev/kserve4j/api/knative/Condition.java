package dev.kserve4j.api.knative;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kserve4j.api.AdditionalProperties;
import io.fabric8.generator.annotation.Required;
import java.util.Map;

/**
 * One status condition in Knative's shape ({@code knative.dev/pkg/apis.Condition}), as KServe's
 * statuses carry them.
 *
 * @param type the aspect this condition describes, e.g. {@code Ready}, {@code PredictorReady}
 * @param status {@code True}, {@code False} or {@code Unknown}
 * @param severity empty for conditions that decide readiness, else {@code Warning} or {@code Info}
 * @param lastTransitionTime when {@code status} last changed, RFC 3339 (kept as written)
 * @param reason a one-word CamelCase cause
 * @param message a human-readable explanation
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Condition(
    @Required String type,
    @Required String status,
    String severity,
    String lastTransitionTime,
    String reason,
    String message,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public Condition {
    additionalProperties = AdditionalProperties.copyOf(additionalProperties);
  }

  public Condition(String type, String status, String reason, String message) {
    this(type, status, null, null, reason, message, Map.of());
  }

  /** Whether {@code status} is {@code True}. */
  @JsonIgnore
  public boolean isTrue() {
    return "True".equals(status);
  }
}
