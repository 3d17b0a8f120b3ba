package dev.kserve4j.runtime.pmml;

/**
 * A PMML document that this evaluator cannot load: malformed, inconsistent, or using an element
 * outside the supported subset. The message names the element and what was expected.
 */
final class PmmlException extends RuntimeException {
  PmmlException(String message) {
    super(message);
  }
}
