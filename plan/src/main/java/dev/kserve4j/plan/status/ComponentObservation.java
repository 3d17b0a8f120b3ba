package dev.kserve4j.plan.status;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.api.knative.Addressable;
import dev.kserve4j.api.v1beta1.TrafficTarget;
import java.util.List;

/**
 * What a host observed of one component (or one {@code spec.canary[]} variant).
 *
 * @param ready whether it serves (a Knative Service's {@code Ready}, a Deployment's availability,
 *     an embedded revision that loaded)
 * @param routes Knative's {@code RoutesReady}, or null where there is none (Standard form, or not
 *     reported yet)
 * @param configuration Knative's {@code ConfigurationsReady}, or null likewise
 * @param latestCreatedRevision the latest revision created, or null (Standard form)
 * @param latestReadyRevision the latest revision that became ready, or null
 * @param traffic how requests are split across revisions, as Knative reports it; null in Standard
 *     form
 * @param url the component's URL once it is reachable, or null to keep the previous one
 * @param address its address likewise
 * @param failure why its model failed, or null
 * @param totalCopies the copies of its model (pods), or null where not counted
 * @param failedCopies the copies that failed, or null where not counted
 */
public record ComponentObservation(
    ConditionState ready,
    ConditionState routes,
    ConditionState configuration,
    String latestCreatedRevision,
    String latestReadyRevision,
    List<TrafficTarget> traffic,
    String url,
    Addressable address,
    ModelFailure failure,
    Integer totalCopies,
    Integer failedCopies) {
  public ComponentObservation {
    requireNonNull(ready, "ready");
  }

  /** A Standard-form component: readiness, its failure and its copies. */
  public static ComponentObservation standard(
      ConditionState ready, ModelFailure failure, int totalCopies, int failedCopies) {
    return new ComponentObservation(
        ready, null, null, null, null, null, null, null, failure, totalCopies, failedCopies);
  }
}
