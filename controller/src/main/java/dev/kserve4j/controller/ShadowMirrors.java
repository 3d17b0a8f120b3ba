package dev.kserve4j.controller;

import dev.kserve4j.api.ShadowPolicy;
import dev.kserve4j.api.v1beta1.ComponentStatusSpec;
import dev.kserve4j.api.v1beta1.InferenceService;
import dev.kserve4j.plan.CanaryPlan;
import dev.kserve4j.plan.ComponentPlan;
import dev.kserve4j.plan.InferenceServicePlan;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRequestMirrorFilterBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteFilterBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Shadow traffic in the route ({@link ShadowPolicy}'s annotations): the Services the predict route
 * mirrors to and how much of it, rendered as Gateway API {@code RequestMirror} filters (with {@code
 * percent}, or {@code fraction} for a share that is not a whole percent: Gateway API v1.2) or
 * Istio's {@code mirror} and {@code mirrorPercentage}.
 *
 * <p>Standard mode: each ready {@code spec.canary[]} variant's Service, when the predict rule
 * splits between the stable predictor and its canaries (no transformer). Knative mode: while a
 * {@code canaryTrafficPercent} rollout runs (the latest ready revision is not the last rolled-out
 * one), that revision's private Service ({@code REVISION-private}, port 80, Knative's queue-proxy
 * in front of the pods), as the predictor is the entry component.
 *
 * <p>The proxy mirrors the share of every request of the predict route, those routed to a canary
 * included, and drops the mirror's answers: the agreement counting of the embedded host is not done
 * here.
 *
 * @param policy the annotations' share and tolerance
 * @param targets the Services mirrored to, each with its port
 */
record ShadowMirrors(ShadowPolicy policy, List<Target> targets) {
  /** Knative's private revision Service port (to the queue-proxy). */
  static final int REVISION_PORT = 80;

  /** One Service mirrored to. */
  record Target(String service, int port) {}

  ShadowMirrors {
    targets = List.copyOf(targets);
  }

  /** The mirrors of a Standard-mode InferenceService whose {@code readyCanaries} are routed. */
  static Optional<ShadowMirrors> standard(
      InferenceService isvc, InferenceServicePlan plan, Set<String> readyCanaries) {
    if (plan.transformer().isPresent()) {
      return Optional.empty();
    }
    List<Target> targets =
        plan.canaries().stream()
            .filter(c -> readyCanaries.contains(c.name()))
            .map(CanaryPlan::predictor)
            .map(p -> new Target(p.name(), StandardModeRenderer.SERVICE_PORT))
            .toList();
    return of(isvc, targets);
  }

  /**
   * The mirror of a Knative-mode InferenceService: its predictor's latest ready revision while a
   * canary rollout from {@code lastRolledOut} (per component, as {@link
   * KnativeModeRenderer#lastRolledOut} reads it) is under way.
   */
  static Optional<ShadowMirrors> knative(
      InferenceService isvc, InferenceServicePlan plan, Map<String, String> lastRolledOut) {
    ComponentPlan predictor = plan.predictor();
    String rolledOut = lastRolledOut.get(predictor.component());
    String latest = latestReady(isvc, predictor.component());
    if (plan.transformer().isPresent()
        || predictor.canaryTrafficPercent() == null
        || rolledOut == null
        || latest == null
        || latest.equals(rolledOut)) {
      return Optional.empty();
    }
    return of(isvc, List.of(new Target(latest + "-private", REVISION_PORT)));
  }

  private static Optional<ShadowMirrors> of(InferenceService isvc, List<Target> targets) {
    if (targets.isEmpty() || isvc.getMetadata() == null) {
      return Optional.empty();
    }
    return ShadowPolicy.of(isvc.getMetadata().getAnnotations())
        .filter(policy -> !policy.off())
        .map(policy -> new ShadowMirrors(policy, targets));
  }

  private static String latestReady(InferenceService isvc, String component) {
    if (isvc.getStatus() == null || isvc.getStatus().getComponents() == null) {
      return null;
    }
    ComponentStatusSpec status = isvc.getStatus().getComponents().get(component);
    return status == null ? null : status.latestReadyRevision();
  }

  /** One Gateway API {@code RequestMirror} filter per target. */
  List<HTTPRouteFilter> gatewayFilters() {
    return targets.stream().map(this::gatewayFilter).toList();
  }

  private HTTPRouteFilter gatewayFilter(Target target) {
    HTTPRequestMirrorFilterBuilder mirror =
        new HTTPRequestMirrorFilterBuilder()
            .withNewBackendRef()
            .withKind("Service")
            .withName(target.service())
            .withPort(target.port())
            .endBackendRef();
    if (policy.wholePercent()) {
      mirror.withPercent(policy.percent().intValueExact());
    } else {
      long[] fraction = policy.fraction();
      mirror
          .withNewFraction()
          .withNumerator(Math.toIntExact(fraction[0]))
          .withDenominator(Math.toIntExact(fraction[1]))
          .endFraction();
    }
    return new HTTPRouteFilterBuilder()
        .withType("RequestMirror")
        .withRequestMirror(mirror.build())
        .build();
  }

  /**
   * Istio's fields of an HTTP route mirroring to the first target in {@code namespace}: {@code
   * mirror} (host and port) and {@code mirrorPercentage}.
   */
  Map<String, Object> istioFields(String namespace) {
    Target target = targets.get(0);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put(
        "mirror",
        Map.of(
            "host",
            KnativeRouteRenderer.localHost(target.service(), namespace),
            "port",
            Map.of("number", target.port())));
    out.put("mirrorPercentage", Map.of("value", policy.percentValue()));
    return out;
  }
}
