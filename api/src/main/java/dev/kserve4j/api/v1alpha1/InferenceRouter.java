package dev.kserve4j.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kserve4j.api.AdditionalProperties;
import io.fabric8.generator.annotation.Required;
import java.util.List;
import java.util.Map;

/**
 * A node of an InferenceGraph: its routing and its steps ({@code nodes[name]}).
 *
 * @param routerType how requests are routed over the steps
 * @param steps the steps
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InferenceRouter(
    @Required RouterType routerType,
    List<InferenceStep> steps,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public InferenceRouter {
    additionalProperties = AdditionalProperties.copyOf(additionalProperties);
  }
}
