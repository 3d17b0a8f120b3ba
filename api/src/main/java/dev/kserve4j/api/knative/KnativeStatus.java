package dev.kserve4j.api.knative;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The status fields every Knative-style resource shares ({@code
 * knative.dev/pkg/apis/duck/v1.Status}, inlined into KServe's statuses), plus the fields this type
 * does not declare.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public abstract class KnativeStatus {
  private Long observedGeneration;
  private List<Condition> conditions;
  private Map<String, String> annotations;
  private final Map<String, Object> additionalProperties = new LinkedHashMap<>();

  /** The {@code metadata.generation} this status was computed from. */
  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }

  /** Status-level annotations (not the object's metadata annotations). */
  public Map<String, String> getAnnotations() {
    return annotations;
  }

  public void setAnnotations(Map<String, String> annotations) {
    this.annotations = annotations;
  }

  /** The condition of the given type, if present. */
  public Optional<Condition> condition(String type) {
    if (conditions == null) {
      return Optional.empty();
    }
    return conditions.stream().filter(c -> type.equals(c.type())).findFirst();
  }

  /** Whether the {@code Ready} condition is {@code True}. */
  @JsonIgnore
  public boolean isReady() {
    return condition("Ready").map(Condition::isTrue).orElse(false);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KnativeStatus that
        && getClass() == that.getClass()
        && Objects.equals(observedGeneration, that.observedGeneration)
        && Objects.equals(conditions, that.conditions)
        && Objects.equals(annotations, that.annotations)
        && additionalProperties.equals(that.additionalProperties);
  }

  @Override
  public int hashCode() {
    return Objects.hash(observedGeneration, conditions, annotations, additionalProperties);
  }

  @JsonAnyGetter
  public Map<String, Object> getAdditionalProperties() {
    return additionalProperties;
  }

  @JsonAnySetter
  public void setAdditionalProperty(String name, Object value) {
    additionalProperties.put(name, value);
  }
}
