package dev.kserve4j.runtime.pmml;

import java.util.List;
import java.util.Optional;

/**
 * A field of a model's {@code MiningSchema} (PMML 4.4 "MiningSchema"): its role and how missing,
 * invalid and outlying values are treated before scoring.
 *
 * @param name the field name
 * @param usageType {@code active}, {@code predicted}/{@code target}, or a role that does not score
 *     ({@code supplementary}, {@code group}, {@code order}, {@code frequencyWeight}, {@code
 *     analysisWeight})
 * @param missingValueReplacement the value used in place of a missing one, as written
 * @param invalidValueTreatment {@code returnInvalid} (default: the request fails), {@code asIs},
 *     {@code asMissing} or {@code asValue}
 * @param invalidValueReplacement the value {@code asValue} substitutes, as written
 * @param outliers {@code asIs} (default), {@code asMissingValues} or {@code asExtremeValues}
 * @param lowValue values below it are outliers
 * @param highValue values above it are outliers
 */
record MiningField(
    String name,
    String usageType,
    Optional<String> missingValueReplacement,
    String invalidValueTreatment,
    Optional<String> invalidValueReplacement,
    String outliers,
    double lowValue,
    double highValue) {
  private static final List<String> USAGE_TYPES =
      List.of(
          "active",
          "predicted",
          "target",
          "supplementary",
          "group",
          "order",
          "frequencyWeight",
          "analysisWeight");

  static MiningField read(XmlElement element) {
    String invalid =
        element.choice(
            "invalidValueTreatment",
            "returnInvalid",
            List.of("returnInvalid", "asIs", "asMissing", "asValue"));
    Optional<String> invalidReplacement = element.attribute("invalidValueReplacement");
    if (invalid.equals("asValue") && invalidReplacement.isEmpty()) {
      throw new PmmlException(
          element
              + ": invalidValueTreatment='asValue' needs an"
              + " invalidValueReplacement attribute");
    }
    return new MiningField(
        element.required("name"),
        element.choice("usageType", "active", USAGE_TYPES),
        element.attribute("missingValueReplacement"),
        invalid,
        invalidReplacement,
        element.choice("outliers", "asIs", List.of("asIs", "asMissingValues", "asExtremeValues")),
        element.number("lowValue", Double.NEGATIVE_INFINITY),
        element.number("highValue", Double.POSITIVE_INFINITY));
  }

  boolean active() {
    return usageType.equals("active");
  }

  boolean predicted() {
    return usageType.equals("predicted") || usageType.equals("target");
  }

  /** Applies the outlier treatment to a non-missing numeric value. */
  Object treatOutlier(Object value) {
    if (outliers.equals("asIs") || !(value instanceof Double d)) {
      return value;
    }
    boolean outlier = d < lowValue || d > highValue;
    if (!outlier) {
      return value;
    }
    return outliers.equals("asMissingValues") ? null : Math.max(lowValue, Math.min(highValue, d));
  }
}
