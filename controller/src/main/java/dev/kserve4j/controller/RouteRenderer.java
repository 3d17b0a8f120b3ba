package dev.kserve4j.controller;

import dev.kserve4j.plan.ComponentPlan;
import dev.kserve4j.plan.InferenceServicePlan;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRefBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRuleBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The external route of an InferenceService, named as it: requests to its host go to the
 * transformer when there is one, else to the predictor, and {@code :explain} requests to the
 * explainer; each component's own host reaches that component. Backends are the components'
 * Services on port {@value StandardModeRenderer#SERVICE_PORT}.
 */
final class RouteRenderer {
  /** KServe's HTTPRoute match for explain requests of the V1 protocol. */
  static final String EXPLAIN_PATH_REGEX = "^/v1/models/[\\w-]+:explain$";

  private final RenderConfig config;

  RouteRenderer(RenderConfig config) {
    this.config = config;
  }

  /**
   * The route; {@code mirrors}, when present, are rendered as {@code RequestMirror} filters of the
   * predict rule (an Ingress cannot mirror).
   */
  Optional<HasMetadata> render(
      InferenceServicePlan plan,
      ObjectMeta meta,
      Set<String> readyCanaries,
      Optional<ShadowMirrors> mirrors) {
    return switch (config.routing()) {
      case INGRESS -> Optional.of(ingress(plan, meta));
      case GATEWAY_API -> Optional.of(httpRoute(plan, meta, readyCanaries, mirrors));
      case NONE -> Optional.empty();
    };
  }

  private HasMetadata ingress(InferenceServicePlan plan, ObjectMeta meta) {
    List<IngressRule> rules = new ArrayList<>();
    plan.explainer()
        .ifPresent(
            e -> {
              rules.add(ingressRule(e.host(), "/", e.name()));
              rules.add(
                  ingressRule(plan.host(), "/v1/models/" + plan.name() + ":explain", e.name()));
            });
    plan.transformer().ifPresent(t -> rules.add(ingressRule(t.host(), "/", t.name())));
    rules.add(ingressRule(plan.host(), "/", plan.predictEntry().name()));
    rules.add(ingressRule(plan.predictor().host(), "/", plan.predictor().name()));
    // An Ingress cannot split traffic by weight: each canary is reached through its own host only.
    plan.canaries()
        .forEach(c -> rules.add(ingressRule(c.predictor().host(), "/", c.predictor().name())));
    return new IngressBuilder()
        .withMetadata(meta)
        .withNewSpec()
        .withIngressClassName(config.ingressClassName())
        .withRules(rules)
        .endSpec()
        .build();
  }

  private static IngressRule ingressRule(String host, String path, String service) {
    return new IngressRuleBuilder()
        .withHost(host)
        .withNewHttp()
        .addNewPath()
        .withPath(path)
        .withPathType("Prefix")
        .withNewBackend()
        .withNewService()
        .withName(service)
        .withNewPort()
        .withNumber(StandardModeRenderer.SERVICE_PORT)
        .endPort()
        .endService()
        .endBackend()
        .endPath()
        .endHttp()
        .build();
  }

  /**
   * One HTTPRoute for the InferenceService's host. Without a transformer, predict traffic is split
   * by weight between the stable predictor and the ready canaries (a canary that is not ready gets
   * none, so a failing variant never receives requests); with one, the transformer takes it all.
   * The predict rule carries the shadow {@code mirrors}' filters.
   */
  private HasMetadata httpRoute(
      InferenceServicePlan plan,
      ObjectMeta meta,
      Set<String> readyCanaries,
      Optional<ShadowMirrors> mirrors) {
    List<HTTPRouteFilter> filters = mirrors.map(ShadowMirrors::gatewayFilters).orElse(List.of());
    List<HTTPRouteRule> rules = new ArrayList<>();
    plan.explainer()
        .ifPresent(e -> rules.add(routeRule("RegularExpression", EXPLAIN_PATH_REGEX, e)));
    if (plan.transformer().isEmpty()
        && plan.canaries().stream().anyMatch(c -> readyCanaries.contains(c.name()))) {
      HTTPRouteRuleBuilder split =
          new HTTPRouteRuleBuilder()
              .addNewMatch()
              .withNewPath()
              .withType("PathPrefix")
              .withValue("/")
              .endPath()
              .endMatch()
              .addToBackendRefs(
                  backend(plan.predictor(), plan.stableTrafficPercent(readyCanaries)));
      plan.canaries().stream()
          .filter(c -> readyCanaries.contains(c.name()))
          .forEach(c -> split.addToBackendRefs(backend(c.predictor(), c.trafficPercent())));
      rules.add(split.withFilters(filters).build());
    } else {
      HTTPRouteRule predict = routeRule("PathPrefix", "/", plan.predictEntry());
      if (!filters.isEmpty()) {
        predict = new HTTPRouteRuleBuilder(predict).withFilters(filters).build();
      }
      rules.add(predict);
    }
    return new HTTPRouteBuilder()
        .withMetadata(meta)
        .withNewSpec()
        .addNewParentRef()
        .withGroup("gateway.networking.k8s.io")
        .withKind("Gateway")
        .withNamespace(config.gatewayNamespace())
        .withName(config.gatewayName())
        .endParentRef()
        .withHostnames(plan.host())
        .withRules(rules)
        .endSpec()
        .build();
  }

  private static HTTPBackendRef backend(ComponentPlan target, int weight) {
    return new HTTPBackendRefBuilder()
        .withKind("Service")
        .withName(target.name())
        .withPort(StandardModeRenderer.SERVICE_PORT)
        .withWeight(weight)
        .build();
  }

  private static HTTPRouteRule routeRule(String matchType, String path, ComponentPlan target) {
    return new HTTPRouteRuleBuilder()
        .addNewMatch()
        .withNewPath()
        .withType(matchType)
        .withValue(path)
        .endPath()
        .endMatch()
        .addNewBackendRef()
        .withKind("Service")
        .withName(target.name())
        .withPort(StandardModeRenderer.SERVICE_PORT)
        .endBackendRef()
        .build();
  }
}
