package dev.kserve4j.runtime.pmml;

/**
 * A PMML expression (PMML 4.4 "Transformations": Constant, FieldRef, NormContinuous, NormDiscrete,
 * Apply, ...) evaluated against a row; returns {@code null} for a missing value.
 */
@FunctionalInterface
interface Expression {
  Object evaluate(Scope scope);
}
