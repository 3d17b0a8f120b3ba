package dev.kserve4j.runtime.pmml;

import java.util.List;

/**
 * A PMML {@code Interval} (PMML 4.4 "DataDictionary", Interval): a range of valid values of a
 * continuous field; an absent margin is unbounded.
 */
record Interval(double left, double right, boolean leftClosed, boolean rightClosed) {
  private static final List<String> CLOSURES =
      List.of("openClosed", "openOpen", "closedOpen", "closedClosed");

  static Interval read(XmlElement element) {
    String closure = element.required("closure");
    if (!CLOSURES.contains(closure)) {
      throw new PmmlException(
          element + ": closure='" + closure + "' (expected one of " + CLOSURES + ")");
    }
    return new Interval(
        element.number("leftMargin", Double.NEGATIVE_INFINITY),
        element.number("rightMargin", Double.POSITIVE_INFINITY),
        closure.startsWith("closed"),
        closure.endsWith("Closed"));
  }

  boolean contains(double x) {
    boolean aboveLeft = leftClosed ? x >= left : x > left;
    boolean belowRight = rightClosed ? x <= right : x < right;
    return aboveLeft && belowRight;
  }

  @Override
  public String toString() {
    return (leftClosed ? "[" : "(") + left + ", " + right + (rightClosed ? "]" : ")");
  }
}
