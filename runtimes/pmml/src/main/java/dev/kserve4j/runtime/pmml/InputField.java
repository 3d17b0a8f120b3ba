package dev.kserve4j.runtime.pmml;

import dev.kserve4j.common.KServeException;

/**
 * An active input of the document's top-level model: the value a request sends for it is converted,
 * checked and treated as PMML 4.4 "MiningSchema" prescribes before any scoring.
 *
 * <p>Order: a value listed as missing in the DataDictionary, an NaN number or an empty string is
 * missing; otherwise it is converted to the field's data type and checked for validity; an invalid
 * value is handled by {@code invalidValueTreatment} (by default the request fails, as PMML's {@code
 * returnInvalid}); a missing one is replaced by {@code missingValueReplacement} if any; outliers
 * are treated last.
 */
record InputField(DataField field, MiningField mining) {

  /** Checks at load that the replacement values are of the field's type. */
  InputField {
    mining.missingValueReplacement().ifPresent(r -> replacement(field, r, "missing"));
    mining.invalidValueReplacement().ifPresent(r -> replacement(field, r, "invalid"));
  }

  String name() {
    return field.name();
  }

  /**
   * The value to score with, from a request value: a {@link Double} from a numeric tensor or a
   * {@link String} from a BYTES one.
   *
   * @param where names the request element for messages, e.g. {@code input 'x' row 2}
   */
  Object prepare(Object raw, String where) {
    Object value = isMissing(raw) ? null : convert(raw, where);
    if (value == null) {
      return mining
          .missingValueReplacement()
          .map(r -> replacement(field, r, "missing"))
          .orElse(null);
    }
    return mining.treatOutlier(value);
  }

  private boolean isMissing(Object raw) {
    if (raw == null) {
      return true;
    }
    if (raw instanceof Double d) {
      return d.isNaN() || field.missingValues().contains(DataType.format(d));
    }
    String s = (String) raw;
    return s.isEmpty() || field.missingValues().contains(s);
  }

  private Object convert(Object raw, String where) {
    Object value;
    String problem;
    try {
      value = field.dataType().cast(raw);
      if (field.isValid(value)) {
        return value;
      }
      problem = "is invalid";
    } catch (IllegalArgumentException e) {
      value = null;
      problem = "is invalid: " + e.getMessage();
    }
    return switch (mining.invalidValueTreatment()) {
      case "asMissing" -> null;
      case "asValue" ->
          replacement(field, mining.invalidValueReplacement().orElseThrow(), "invalid");
      case "asIs" -> {
        if (value == null) {
          throw invalid(raw, where, problem);
        }
        yield value;
      }
      default -> throw invalid(raw, where, problem);
    };
  }

  private KServeException invalid(Object raw, String where, String problem) {
    String shown = raw instanceof String s ? "'" + s + "'" : String.valueOf(raw);
    return KServeException.invalidInput(
        where
            + ", field '"
            + name()
            + "' ("
            + field.optype()
            + " "
            + field.dataType().label()
            + "): value "
            + shown
            + " "
            + problem
            + " (expected "
            + field.expectation()
            + ")");
  }

  private static Object replacement(DataField field, String text, String kind) {
    try {
      return field.dataType().parse(text);
    } catch (IllegalArgumentException e) {
      throw new PmmlException(
          "MiningField name=\""
              + field.name()
              + "\": "
              + kind
              + " value replacement '"
              + text
              + "' is not a "
              + field.dataType().label());
    }
  }
}
