package dev.kserve4j.controller.webhook;

/** Judges the admission requests sent to one webhook path. */
@FunctionalInterface
public interface AdmissionValidator {

  /** The verdict on {@code request}; never throws for a bad object, which is a 400 verdict. */
  Verdict review(AdmissionRequest request);
}
