package dev.kserve4j.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fields of a document that a type does not declare, kept so that a read-then-write round trip
 * loses nothing (fields added by a newer KServe, or by other tools).
 *
 * <p>Every spec and status type carries such a map: the records through a creator parameter
 * annotated {@code @JsonAnySetter @JsonAnyGetter}, the classes through fabric8's own {@code
 * additionalProperties}.
 */
public final class AdditionalProperties {
  private AdditionalProperties() {}

  /**
   * An unmodifiable copy in the given order; {@code null} becomes the empty map. Values may be
   * {@code null} (a field written as {@code null} is kept as such).
   */
  public static Map<String, Object> copyOf(Map<String, Object> fields) {
    if (fields == null || fields.isEmpty()) {
      return Map.of();
    }
    return Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }
}
