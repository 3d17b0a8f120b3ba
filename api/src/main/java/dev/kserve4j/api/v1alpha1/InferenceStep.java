package dev.kserve4j.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kserve4j.api.AdditionalProperties;
import java.util.Map;

/**
 * One step of an InferenceGraph node: a target (a node, an InferenceService or a URL) and how it is
 * called.
 *
 * @param name the step's name, used in responses and {@code condition}s
 * @param nodeName a node of the graph to call
 * @param serviceName an InferenceService to call
 * @param serviceUrl a URL to call
 * @param data {@code $request} (the graph's input) or {@code $response} (the previous step's
 *     output, the default)
 * @param mapPredictionsToInstances whether the previous step's {@code predictions} become this
 *     step's {@code instances}
 * @param weight the share of traffic, 0-100 (Splitter nodes)
 * @param condition a GJSON expression the request must match (Switch nodes)
 * @param dependency whether a failure of this step fails the graph
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InferenceStep(
    String name,
    String nodeName,
    String serviceName,
    String serviceUrl,
    String data,
    Boolean mapPredictionsToInstances,
    Long weight,
    String condition,
    StepDependency dependency,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public InferenceStep {
    additionalProperties = AdditionalProperties.copyOf(additionalProperties);
  }
}
