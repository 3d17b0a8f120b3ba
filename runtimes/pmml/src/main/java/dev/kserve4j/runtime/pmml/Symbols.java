package dev.kserve4j.runtime.pmml;

import java.util.HashMap;
import java.util.Map;

/**
 * The fields visible where an element is read, with their data types: used at load time to parse
 * literals by the type of the field they compare with and to reject references to fields that do
 * not exist. Nested scopes (a model's LocalTransformations, a segment) see their parent's fields.
 */
final class Symbols {
  private final Symbols parent;
  private final Map<String, DataType> types = new HashMap<>();

  Symbols(Symbols parent) {
    this.parent = parent;
  }

  void define(String name, DataType type) {
    types.put(name, type);
  }

  boolean defines(String name) {
    return types.containsKey(name) || (parent != null && parent.defines(name));
  }

  /** The type of {@code name}; fails naming {@code where} when no such field is in scope. */
  DataType typeOf(String name, XmlElement where) {
    DataType type = types.get(name);
    if (type != null) {
      return type;
    }
    if (parent != null) {
      return parent.typeOf(name, where);
    }
    throw new PmmlException(
        where
            + ": field '"
            + name
            + "' is not defined (expected a DataField,"
            + " DerivedField or earlier OutputField of that name)");
  }
}
