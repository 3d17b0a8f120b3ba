package dev.kserve4j.server.shadow;

/** What became of one request offered to a {@link ShadowMirror}. */
public enum ShadowOutcome {
  /** Not drawn by the sampling. */
  NOT_SAMPLED,
  /** The stable revision did not answer it successfully, so there is nothing to compare with. */
  STABLE_FAILED,
  /** Drawn, but the in-flight bound was reached (or the mirror was closed): not sent. */
  DROPPED,
  /** The candidate answered with the same outputs, within the tolerance. */
  AGREED,
  /** The candidate answered successfully with different outputs. */
  DISAGREED,
  /** The candidate failed: an exception or a non-2xx answer. */
  CANDIDATE_ERROR
}
