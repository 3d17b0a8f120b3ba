package dev.kserve4j.server.shadow;

import static java.util.Objects.requireNonNull;

/**
 * Which InferenceService and revisions a {@link ShadowMirror} works for: the labels of its metrics.
 *
 * @param namespace the InferenceService's namespace
 * @param inferenceService the InferenceService's name
 * @param stableRevision the revision that answers the client
 * @param candidateRevision the revision that receives the mirrored requests
 */
public record ShadowTarget(
    String namespace, String inferenceService, String stableRevision, String candidateRevision) {

  public ShadowTarget {
    requireNonNull(namespace, "namespace");
    requireNonNull(inferenceService, "inferenceService");
    requireNonNull(stableRevision, "stableRevision");
    requireNonNull(candidateRevision, "candidateRevision");
  }
}
