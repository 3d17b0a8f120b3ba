package dev.kserve4j.local;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.api.ResourceCodec;
import dev.kserve4j.api.v1beta1.ComponentStatusSpec;
import dev.kserve4j.api.v1beta1.InferenceService;
import dev.kserve4j.api.v1beta1.InferenceServiceStatus;
import dev.kserve4j.api.v1beta1.TrafficTarget;
import dev.kserve4j.plan.InferenceServicePlan;
import dev.kserve4j.plan.status.ComponentObservation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Rolls an InferenceService's predictor out as KServe's Knative form does, in-process: a changed
 * spec loads a new revision beside the serving ones ({@link RevisionSet}); {@code
 * canaryTrafficPercent} splits the traffic between the latest ready revision and the last
 * rolled-out one; the status ({@link StatusWriter}) promotes and rolls back; the routes follow the
 * traffic; revisions no longer in it are unloaded once their calls in progress finished.
 */
final class PredictorRollout {
  /** KServe's annotation turning on {@code latest-} and {@code prev-} hosts. */
  static final String TAG_ROUTING = "serving.kserve.io/enable-tag-routing";

  private final ModelDeployer deployer;
  private final ServiceRoutes routes;
  private final StatusWriter statuses;
  private final CanaryVariants canaries;
  private final ResourceCodec codec = new ResourceCodec();

  PredictorRollout(ModelDeployer deployer, ServiceRoutes routes, StatusWriter statuses) {
    this.deployer = requireNonNull(deployer, "deployer");
    this.canaries = new CanaryVariants(deployer);
    this.routes = requireNonNull(routes, "routes");
    this.statuses = requireNonNull(statuses, "statuses");
  }

  /** The revisions after an apply and the status that reports them. */
  record Outcome(RevisionSet revisions, InferenceServiceStatus status) {}

  /**
   * What a revision runs: the spec and the metadata the plan reads, without the traffic share
   * ({@code canaryTrafficPercent} moves traffic, it does not create a revision).
   */
  String fingerprint(InferenceService isvc) {
    InferenceService copy =
        codec.read(codec.toJson(isvc), "InferenceService", InferenceService.class);
    copy.getSpec().getPredictor().setCanaryTrafficPercent(null);
    // The transformer and explainer have revisions of their own (ComponentDeployer).
    copy.getSpec().setTransformer(null);
    copy.getSpec().setExplainer(null);
    copy.setStatus(null);
    copy.getMetadata().setGeneration(null);
    copy.getMetadata().setCreationTimestamp(null);
    Map<String, String> annotations =
        copy.getMetadata().getAnnotations() == null
            ? new LinkedHashMap<>()
            : new LinkedHashMap<>(copy.getMetadata().getAnnotations());
    annotations.remove(TAG_ROUTING);
    copy.getMetadata().setAnnotations(annotations);
    return codec.toJson(copy);
  }

  /**
   * Applies {@code plan}: loads a new revision of {@code launch} when the spec changed (or the
   * latest failed and is retried), then sets the traffic, the routes and the status.
   *
   * @param conflict why the launch may not serve (a name another InferenceService serves), checked
   *     before loading
   * @param others the transformer and explainer as observed, for the status
   */
  Outcome apply(
      InferenceService desired,
      InferenceServicePlan plan,
      ModelDeployer.Launch launch,
      RevisionSet before,
      Optional<Failure> conflict,
      Map<String, ComponentObservation> others,
      InferenceServiceStatus previous) {
    RevisionSet attempt = attempt(desired, plan, before);
    String revision = attempt.counters().latestCreated().orElseThrow();
    if (!attempt.loaded().contains(revision)) {
      Optional<Failure> failure = conflict.or(() -> deployer.deploy(launch, revision));
      attempt = failure.isPresent() ? attempt.failed(failure.get()) : attempt.readied();
    }
    CanaryVariants.Loaded variants = canaries.load(desired, plan, attempt.canaries());
    return route(
        desired,
        plan,
        launch.modelName(),
        attempt.withCanaries(variants.variants()),
        variants.retired(),
        others,
        previous);
  }

  /** The latest spec cannot serve ({@code failure}); what served keeps serving. */
  Outcome refused(
      InferenceService desired,
      InferenceServicePlan plan,
      String model,
      RevisionSet before,
      Failure failure,
      Map<String, ComponentObservation> others,
      InferenceServiceStatus previous) {
    return route(
        desired,
        plan,
        model,
        attempt(desired, plan, before).failed(failure),
        List.of(),
        others,
        previous);
  }

  private RevisionSet attempt(
      InferenceService desired, InferenceServicePlan plan, RevisionSet before) {
    String fingerprint = fingerprint(desired);
    return Objects.equals(fingerprint, before.fingerprint())
        ? before
        : before.next(plan.predictor().name(), fingerprint);
  }

  /** Traffic as KServe sets it, the status, the routes, and unloading what left the traffic. */
  private Outcome route(
      InferenceService desired,
      InferenceServicePlan plan,
      String model,
      RevisionSet revisions,
      List<String> retiredVariants,
      Map<String, ComponentObservation> others,
      InferenceServiceStatus previous) {
    Map<String, ComponentObservation> variants = CanaryVariants.observations(revisions.canaries());
    Long canary = plan.predictor().canaryTrafficPercent();
    boolean tags =
        desired.getMetadata().getAnnotations() != null
            && "true".equals(desired.getMetadata().getAnnotations().get(TAG_ROUTING));
    String rolledOut = rolledOut(previous);
    List<TrafficTarget> traffic =
        revisions.traffic(rolledOut, canary, tags, tag -> tagUrl(plan, tag));
    InferenceServiceStatus status =
        statuses.status(
            plan,
            revisions.counters(),
            traffic,
            revisions.latestFailure(),
            variants,
            others,
            previous);
    if (!Objects.equals(rolledOut(status), rolledOut)) {
      // KServe's next reconcile: the traffic follows the promoted or restored revision.
      traffic = revisions.traffic(rolledOut(status), canary, tags, tag -> tagUrl(plan, tag));
      status =
          statuses.status(
              plan,
              revisions.counters(),
              traffic,
              revisions.latestFailure(),
              variants,
              others,
              status);
    }
    Map<String, Integer> weights = RevisionSet.weights(traffic);
    Set<String> kept = new HashSet<>(weights.keySet());
    // Knative keeps old revisions; the previous rolled-out one stays loaded so that a rollback
    // (canaryTrafficPercent: 0) takes effect at once.
    ComponentStatusSpec predictor = status.getComponents().get("predictor");
    if (predictor != null && predictor.previousRolledoutRevision() != null) {
      kept.add(predictor.previousRolledoutRevision());
    }
    if (!traffic.isEmpty()) {
      Map<String, String> tagged = new LinkedHashMap<>();
      traffic.stream()
          .filter(t -> t.tag() != null)
          .forEach(t -> tagged.put(t.tag(), t.revisionName()));
      routes.publish(
          plan, model, CanaryVariants.weights(plan, revisions.canaries(), weights), tagged);
    }
    shadow(desired, plan, traffic, weights, revisions);
    List<String> unloaded = new ArrayList<>(retiredVariants);
    revisions.loaded().stream().filter(r -> !kept.contains(r)).forEach(unloaded::add);
    undeploy(unloaded);
    return new Outcome(revisions.keeping(kept), status);
  }

  /**
   * Shadow traffic: the Standard form mirrors the stable revisions' answers to each ready variant;
   * the Knative form, while a rollout splits the traffic, the rolled-out revision's answers to the
   * latest ready one (at 0% too: a dark launch).
   */
  private void shadow(
      InferenceService desired,
      InferenceServicePlan plan,
      List<TrafficTarget> traffic,
      Map<String, Integer> stableWeights,
      RevisionSet revisions) {
    List<String> stable = List.of();
    List<String> candidates = List.of();
    if (!plan.canaries().isEmpty()) {
      stable = List.copyOf(stableWeights.keySet());
      candidates = CanaryVariants.loaded(revisions.canaries());
    } else if (traffic.size() > 1) {
      stable =
          traffic.stream()
              .filter(t -> !Boolean.TRUE.equals(t.latestRevision()))
              .map(TrafficTarget::revisionName)
              .toList();
      candidates =
          traffic.stream()
              .filter(t -> Boolean.TRUE.equals(t.latestRevision()))
              .map(TrafficTarget::revisionName)
              .toList();
    }
    routes.shadow(
        plan.namespace(), plan.name(), desired.getMetadata().getAnnotations(), stable, candidates);
  }

  /** Stops routing to and unloads every revision of {@code namespace/name}. */
  void remove(String namespace, String name, RevisionSet revisions) {
    routes.withdraw(namespace, name);
    List<String> unloaded = new ArrayList<>(revisions.loaded());
    unloaded.addAll(CanaryVariants.loaded(revisions.canaries()));
    undeploy(unloaded);
  }

  /**
   * Unloads repository models the routes no longer name: first every request that could still have
   * picked one finishes ({@link ServiceRoutes#awaitEarlierRequests}), then each model's calls in
   * progress, so no request on its way is answered 404 or 503.
   */
  private void undeploy(List<String> models) {
    if (models.isEmpty()) {
      return;
    }
    routes.awaitEarlierRequests();
    models.forEach(deployer::undeploy); // waits for the calls in progress to finish
  }

  private static String tagUrl(InferenceServicePlan plan, String tag) {
    int scheme = plan.url().indexOf("://");
    return plan.url().substring(0, scheme + 3) + tag + "-" + plan.url().substring(scheme + 3);
  }

  private static String rolledOut(InferenceServiceStatus status) {
    ComponentStatusSpec predictor =
        status == null || status.getComponents() == null
            ? null
            : status.getComponents().get("predictor");
    return predictor == null ? null : predictor.latestRolledoutRevision();
  }
}
