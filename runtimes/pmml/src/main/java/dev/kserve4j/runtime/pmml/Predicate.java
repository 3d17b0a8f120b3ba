package dev.kserve4j.runtime.pmml;

/**
 * A PMML predicate (PMML 4.4 "Predicates") in three-valued logic: a comparison with a missing value
 * is {@link Truth#UNKNOWN}, and tree models decide what UNKNOWN means.
 */
@FunctionalInterface
interface Predicate {
  Predicate TRUE = scope -> Truth.TRUE;
  Predicate FALSE = scope -> Truth.FALSE;

  Truth test(Scope scope);

  enum Truth {
    TRUE,
    FALSE,
    UNKNOWN;

    static Truth of(boolean b) {
      return b ? TRUE : FALSE;
    }
  }
}
