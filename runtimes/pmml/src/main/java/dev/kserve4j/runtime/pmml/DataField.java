package dev.kserve4j.runtime.pmml;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A field of the PMML {@code DataDictionary} (PMML 4.4 "DataDictionary"): its type and which of its
 * values are valid, invalid or stand for a missing value.
 *
 * @param name the field name
 * @param optype {@code categorical}, {@code ordinal} or {@code continuous}
 * @param dataType the data type values are converted to
 * @param validValues the listed valid values (Value elements without a property or with {@code
 *     property="valid"}), in document order; empty when any value is valid
 * @param invalidValues values listed with {@code property="invalid"}
 * @param missingValues values listed with {@code property="missing"}, as written
 * @param intervals the valid ranges of a continuous field; empty when unbounded
 */
record DataField(
    String name,
    String optype,
    DataType dataType,
    List<Object> validValues,
    Set<Object> invalidValues,
    Set<String> missingValues,
    List<Interval> intervals) {

  static DataField read(XmlElement element) {
    element.onlyChildren(List.of("Value", "Interval"));
    String name = element.required("name");
    String optype =
        element.choice("optype", "categorical", List.of("categorical", "ordinal", "continuous"));
    DataType type = DataType.of(element, "dataType");
    List<Object> valid = new ArrayList<>();
    Set<Object> invalid = new LinkedHashSet<>();
    Set<String> missing = new LinkedHashSet<>();
    for (XmlElement value : element.children("Value")) {
      String text = value.required("value");
      String property = value.choice("property", "valid", List.of("valid", "invalid", "missing"));
      if (property.equals("missing")) {
        missing.add(text);
        continue;
      }
      Object parsed;
      try {
        parsed = type.parse(text);
      } catch (IllegalArgumentException e) {
        throw new PmmlException(
            element
                + ": Value '"
                + text
                + "' is not a valid "
                + type.label()
                + " ("
                + e.getMessage()
                + ")");
      }
      (property.equals("valid") ? valid : invalid).add(parsed);
    }
    List<Interval> intervals = element.children("Interval").stream().map(Interval::read).toList();
    return new DataField(
        name,
        optype,
        type,
        List.copyOf(valid),
        Set.copyOf(invalid),
        Set.copyOf(missing),
        intervals);
  }

  /**
   * Whether a converted, non-missing value is valid: one of the listed valid values of a
   * categorical or ordinal field, or inside one of the intervals of a continuous one.
   */
  boolean isValid(Object value) {
    if (invalidValues.contains(value)) {
      return false;
    }
    if (!optype.equals("continuous")) {
      return validValues.isEmpty() || validValues.contains(value);
    }
    if (intervals.isEmpty() || !(value instanceof Double d)) {
      return true;
    }
    return intervals.stream().anyMatch(i -> i.contains(d));
  }

  /** Describes what valid values look like, for error messages. */
  String expectation() {
    if (!optype.equals("continuous") && !validValues.isEmpty()) {
      return "one of " + validValues;
    }
    if (!intervals.isEmpty()) {
      return "a " + dataType.label() + " in " + intervals;
    }
    return "a " + dataType.label();
  }
}
