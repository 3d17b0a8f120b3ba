package dev.kserve4j.controller;

import dev.kserve4j.plan.ComponentPlan;
import dev.kserve4j.plan.InferenceServicePlan;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRuleBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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

  Optional<HasMetadata> render(InferenceServicePlan plan, ObjectMeta meta) {
    return switch (config.routing()) {
      case INGRESS -> Optional.of(ingress(plan, meta));
      case GATEWAY_API -> Optional.of(httpRoute(plan, meta));
      case NONE -> Optional.empty();
    };
  }

  private HasMetadata ingress(InferenceServicePlan plan, ObjectMeta meta) {
    List<IngressRule> rules = new ArrayList<>();
    plan.explainer().ifPresent(e -> {
      rules.add(ingressRule(e.host(), "/", e.name()));
      rules.add(ingressRule(plan.host(), "/v1/models/" + plan.name() + ":explain", e.name()));
    });
    plan.transformer().ifPresent(t -> rules.add(ingressRule(t.host(), "/", t.name())));
    rules.add(ingressRule(plan.host(), "/", plan.predictEntry().name()));
    rules.add(ingressRule(plan.predictor().host(), "/", plan.predictor().name()));
    return new IngressBuilder().withMetadata(meta).withNewSpec()
        .withIngressClassName(config.ingressClassName()).withRules(rules).endSpec().build();
  }

  private static IngressRule ingressRule(String host, String path, String service) {
    return new IngressRuleBuilder().withHost(host).withNewHttp().addNewPath().withPath(path).withPathType("Prefix")
        .withNewBackend().withNewService().withName(service).withNewPort().withNumber(StandardModeRenderer.SERVICE_PORT)
        .endPort().endService().endBackend().endPath().endHttp().build();
  }

  private HasMetadata httpRoute(InferenceServicePlan plan, ObjectMeta meta) {
    List<HTTPRouteRule> rules = new ArrayList<>();
    plan.explainer().ifPresent(e -> rules.add(routeRule("RegularExpression", EXPLAIN_PATH_REGEX, e)));
    rules.add(routeRule("PathPrefix", "/", plan.predictEntry()));
    return new HTTPRouteBuilder().withMetadata(meta).withNewSpec()
        .addNewParentRef().withGroup("gateway.networking.k8s.io").withKind("Gateway")
        .withNamespace(config.gatewayNamespace()).withName(config.gatewayName()).endParentRef()
        .withHostnames(plan.host()).withRules(rules).endSpec().build();
  }

  private static HTTPRouteRule routeRule(String matchType, String path, ComponentPlan target) {
    return new HTTPRouteRuleBuilder().addNewMatch().withNewPath().withType(matchType).withValue(path).endPath()
        .endMatch()
        .addNewBackendRef().withKind("Service").withName(target.name()).withPort(StandardModeRenderer.SERVICE_PORT)
        .endBackendRef().build();
  }
}
