package dev.kserve4j.runtime.pmml;

import java.util.List;

/**
 * The predicted field of a model and what it predicts.
 *
 * @param name the field name, or {@code null} when the MiningSchema names no predicted field
 * @param dataType its data type ({@code double} when unnamed)
 * @param classification whether the model's functionName is {@code classification}
 * @param categories the target's valid values from the DataDictionary, in order; may be empty
 */
record Target(String name, DataType dataType, boolean classification, List<Object> categories) {

  /** Parses a category or score as written in the document, e.g. a Node's {@code score}. */
  Object parse(XmlElement where, String text) {
    try {
      return dataType.parse(text);
    } catch (IllegalArgumentException e) {
      throw new PmmlException(
          where
              + ": '"
              + text
              + "' is not a "
              + dataType.label()
              + " like the target field"
              + (name == null ? "" : " '" + name + "'"));
    }
  }
}
