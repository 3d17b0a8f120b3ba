package dev.kserve4j.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kserve4j.api.AdditionalProperties;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBehavior;
import java.util.List;
import java.util.Map;

/**
 * Autoscaling by the Horizontal Pod Autoscaler or KEDA ({@code autoScaling}).
 *
 * @param metrics the rules
 * @param behavior the scale-up and scale-down behaviour
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AutoScalingSpec(
    List<MetricsSpec> metrics,
    HorizontalPodAutoscalerBehavior behavior,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public AutoScalingSpec {
    additionalProperties = AdditionalProperties.copyOf(additionalProperties);
  }
}
