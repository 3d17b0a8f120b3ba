package dev.kserve4j.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** The status of a runtime: KServe defines none; the type keeps whatever a document carries. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ServingRuntimeStatus {
  private final Map<String, Object> additionalProperties = new LinkedHashMap<>();

  /** The fields of the document this type does not declare, kept for the round trip. */
  @JsonAnyGetter
  public Map<String, Object> getAdditionalProperties() {
    return additionalProperties;
  }

  @JsonAnySetter
  public void setAdditionalProperty(String name, Object value) {
    additionalProperties.put(name, value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ServingRuntimeStatus that
        && additionalProperties.equals(that.additionalProperties);
  }

  @Override
  public int hashCode() {
    return Objects.hash(additionalProperties);
  }
}
