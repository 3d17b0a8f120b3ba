package dev.kserve4j.local;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.api.v1beta1.TrafficTarget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An InferenceService predictor's revisions in embedded mode, as Knative keeps them: a spec change
 * (other than {@code canaryTrafficPercent}) creates a revision, loaded beside those that serve
 * under the revision's name ({@code {isvc}-predictor-00002}); clients keep calling the
 * InferenceService's model name, which {@link #traffic} splits across the loaded revisions as
 * KServe's Knative reconciler does.
 *
 * @param counters the latest created and latest ready revision numbers
 * @param fingerprint what the latest created revision runs (the spec without the traffic share);
 *     null before the first
 * @param loaded the revisions loaded in the repository, by name
 * @param latestFailure why the latest created revision is not ready, or null when it is
 * @param canaries the {@code spec.canary[]} variants as they run, by name ({@link CanaryVariants})
 */
record RevisionSet(
    Revisions counters,
    String fingerprint,
    Set<String> loaded,
    Failure latestFailure,
    Map<String, CanaryVariants.Variant> canaries) {
  /** Knative's tag of the latest revision under tag routing. */
  static final String LATEST_TAG = "latest";

  /** Knative's tag of the last rolled-out revision while a canary takes a share. */
  static final String PREV_TAG = "prev";

  RevisionSet {
    requireNonNull(counters, "counters");
    loaded = Set.copyOf(loaded);
    canaries = Map.copyOf(canaries);
  }

  static RevisionSet none(String service) {
    return new RevisionSet(Revisions.none(service), null, Set.of(), null, Map.of());
  }

  /** Whether a revision serves. */
  boolean serving() {
    return counters.latestReady().isPresent() && loaded.contains(counters.latestReady().get());
  }

  /** A new revision of a changed spec, of the predictor service {@code service}. */
  RevisionSet next(String service, String newFingerprint) {
    return new RevisionSet(counters.next(service), newFingerprint, loaded, null, canaries);
  }

  /** The latest created revision loaded. */
  RevisionSet readied() {
    Set<String> now = new LinkedHashSet<>(loaded);
    now.add(counters.latestCreated().orElseThrow());
    return new RevisionSet(counters.readied(), fingerprint, now, null, canaries);
  }

  /** The latest created revision failed, with why. */
  RevisionSet failed(Failure failure) {
    return new RevisionSet(
        counters, fingerprint, loaded, requireNonNull(failure, "failure"), canaries);
  }

  /** Only the {@code kept} revisions stay loaded. */
  RevisionSet keeping(Set<String> kept) {
    return new RevisionSet(
        counters,
        fingerprint,
        loaded.stream().filter(kept::contains).collect(java.util.stream.Collectors.toSet()),
        latestFailure,
        canaries);
  }

  /** The same revisions with the canary variants {@code now}. */
  RevisionSet withCanaries(Map<String, CanaryVariants.Variant> now) {
    return new RevisionSet(counters, fingerprint, loaded, latestFailure, now);
  }

  /**
   * The traffic KServe's Knative reconciler sets: with {@code canaryPercent} and a rolled-out
   * revision, that share to the latest ready revision and the rest to the rolled-out one (tag
   * {@code prev}); else all to the latest ready revision. Empty when no revision is ready.
   *
   * @param rolledOut {@code latestRolledoutRevision} of the status, or null
   * @param canaryPercent {@code canaryTrafficPercent}, or null
   * @param tags whether tag routing is on ({@code serving.kserve.io/enable-tag-routing})
   * @param tagUrl the URL of a tag's host
   */
  List<TrafficTarget> traffic(
      String rolledOut,
      Long canaryPercent,
      boolean tags,
      java.util.function.UnaryOperator<String> tagUrl) {
    Optional<String> ready = counters.latestReady().filter(loaded::contains);
    if (ready.isEmpty()) {
      return List.of();
    }
    List<TrafficTarget> out = new ArrayList<>();
    boolean split = canaryPercent != null && rolledOut != null && loaded.contains(rolledOut);
    long latestShare = split ? canaryPercent : 100L;
    String latestTag = tags ? LATEST_TAG : null;
    out.add(
        new TrafficTarget(
            latestTag,
            ready.get(),
            null,
            true,
            latestShare,
            latestTag == null ? null : tagUrl.apply(latestTag),
            Map.of()));
    if (split && latestShare < 100) {
      out.add(
          new TrafficTarget(
              PREV_TAG,
              rolledOut,
              null,
              false,
              100 - latestShare,
              tagUrl.apply(PREV_TAG),
              Map.of()));
    }
    return List.copyOf(out);
  }

  /** The revisions {@code traffic} names, with their summed shares, in order. */
  static Map<String, Integer> weights(List<TrafficTarget> traffic) {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (TrafficTarget t : traffic) {
      out.merge(t.revisionName(), t.percent() == null ? 0 : t.percent().intValue(), Integer::sum);
    }
    return out;
  }
}
