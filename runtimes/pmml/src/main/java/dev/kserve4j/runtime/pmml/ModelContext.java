package dev.kserve4j.runtime.pmml;

import java.util.Map;

/**
 * What the reader of one model element knows: the element, its target, the fields in scope, the
 * DataDictionary (for nested models) and whether it computes in single precision.
 *
 * @param floatMath whether {@code mathContext="float"} (PMML 4.4; {@code x-mathContext} before):
 *     scores and sums are rounded to float as XGBoost and LightGBM compute them
 */
record ModelContext(
    XmlElement element,
    Target target,
    Symbols symbols,
    Map<String, DataField> dictionary,
    boolean floatMath) {

  double round(double value) {
    return floatMath ? (float) value : value;
  }
}
