package dev.kserve4j.runtime.pmml;

import java.util.HashMap;
import java.util.Map;

/**
 * The field values of one row while it is scored. Derived fields are computed on first use and
 * remembered; a nested scope (a model's LocalTransformations, a segment) falls back to its parent.
 * {@code null} is a missing value. Not thread-safe: one per row.
 */
final class Scope {
  private final Scope parent;
  private final Map<String, DerivedField> derived;
  private final Map<String, Object> values = new HashMap<>();

  Scope(Scope parent, Map<String, DerivedField> derived) {
    this.parent = parent;
    this.derived = derived;
  }

  void put(String name, Object value) {
    values.put(name, value);
  }

  Object get(String name) {
    if (values.containsKey(name)) {
      return values.get(name);
    }
    DerivedField field = derived.get(name);
    if (field != null) {
      Object value = field.evaluate(this);
      values.put(name, value);
      return value;
    }
    if (parent == null) {
      // Unreachable for loaded documents: Symbols rejects references to undefined fields.
      throw new IllegalStateException("field '" + name + "' is not defined");
    }
    return parent.get(name);
  }
}
