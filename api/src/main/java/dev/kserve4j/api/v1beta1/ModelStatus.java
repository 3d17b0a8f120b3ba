package dev.kserve4j.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kserve4j.api.AdditionalProperties;
import io.fabric8.generator.annotation.Required;
import java.util.Map;

/**
 * The model's rollout state, per-revision states, last failure and copies ({@code
 * status.modelStatus}).
 *
 * @param transitionStatus where the rollout is
 * @param states per revision
 * @param lastFailureInfo the last failure
 * @param copies loaded and failed copies
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelStatus(
    @Required TransitionStatus transitionStatus,
    ModelRevisionStates states,
    FailureInfo lastFailureInfo,
    ModelCopies copies,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public ModelStatus {
    additionalProperties = AdditionalProperties.copyOf(additionalProperties);
  }
}
