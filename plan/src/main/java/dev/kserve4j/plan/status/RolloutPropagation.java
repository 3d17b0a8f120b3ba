package dev.kserve4j.plan.status;

import dev.kserve4j.api.knative.Addressable;
import dev.kserve4j.api.v1beta1.ComponentStatusSpec;
import dev.kserve4j.api.v1beta1.TrafficTarget;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * KServe's {@code PropagateStatus} of one Knative-form component: revisions, traffic, URL and
 * address. When the latest ready revision receives 100% of the traffic it becomes {@code
 * latestRolledoutRevision} and the former one {@code previousRolledoutRevision}; when the latest
 * revision is rolled back (its share below 100% while the same revision gets 100% through the
 * {@code prev} tag), the previous rolled-out revision is restored.
 */
public final class RolloutPropagation {
  private RolloutPropagation() {}

  /**
   * The component's status after {@code observed}; {@code before} as it was while nothing was
   * observed.
   */
  public static ComponentStatusSpec propagate(
      ComponentStatusSpec before, ComponentObservation observed) {
    if (observed == null) {
      return before != null
          ? before
          : new ComponentStatusSpec(null, null, null, null, null, null, null, null, null, Map.of());
    }
    String latestRolledOut = before == null ? null : before.latestRolledoutRevision();
    String previousRolledOut = before == null ? null : before.previousRolledoutRevision();
    String ready = observed.latestReadyRevision();
    List<TrafficTarget> traffic = observed.traffic() == null ? List.of() : observed.traffic();
    Map<String, Long> perRevision = new HashMap<>();
    traffic.stream()
        .filter(t -> t.percent() != null && t.revisionName() != null)
        .forEach(t -> perRevision.merge(t.revisionName(), t.percent(), Long::sum));
    for (TrafficTarget t : traffic) {
      if (ready == null
          || !ready.equals(t.revisionName())
          || !Boolean.TRUE.equals(t.latestRevision())) {
        continue;
      }
      if (!ready.equals(latestRolledOut)) {
        if (t.percent() != null && t.percent() == 100) {
          previousRolledOut = latestRolledOut;
          latestRolledOut = ready;
        }
      } else if (ready.equals(observed.latestCreatedRevision())
          && t.percent() != null
          && t.percent() < 100
          && perRevision.getOrDefault(t.revisionName(), 0L) == 100
          && previousRolledOut != null) {
        latestRolledOut = previousRolledOut; // rolled back: the prev tag carries the whole share
      }
    }
    boolean serves = observed.ready().isTrue();
    String url =
        serves && observed.url() != null ? observed.url() : before == null ? null : before.url();
    Addressable address =
        serves && observed.address() != null
            ? observed.address()
            : before == null ? null : before.address();
    return new ComponentStatusSpec(
        ready,
        observed.latestCreatedRevision(),
        previousRolledOut,
        latestRolledOut,
        observed.traffic(),
        url,
        before == null ? null : before.restUrl(),
        before == null ? null : before.grpcUrl(),
        address,
        Map.of());
  }
}
