package dev.kserve4j.controller;

import dev.kserve4j.api.v1beta1.InferenceService;
import dev.kserve4j.plan.ComponentPlan;
import dev.kserve4j.plan.InferenceServicePlan;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The route of a Knative-mode InferenceService, named as it. With Ingress routing, what KServe's
 * Istio ingress reconciler creates: a VirtualService that sends requests for the InferenceService's
 * hosts (its external host through {@code knativeIngressGateway}, its cluster-local host through
 * the local gateway and the mesh) to Knative's local gateway Service, rewriting {@code Host} to the
 * entry component (the transformer when present, else the predictor) or, for {@code :explain}
 * requests, to the explainer; and an ExternalName Service that points the cluster-local host at
 * that gateway. An InferenceService labelled {@value KnativeModeRenderer#VISIBILITY_LABEL}: {@code
 * cluster-local} gets no external host. With Gateway API routing, the HTTPRoute of {@link
 * RouteRenderer} to the components' Services; with none, nothing. Shadow traffic ({@link
 * ShadowMirrors}) adds Istio's {@code mirror} and {@code mirrorPercentage} to the predict route.
 */
final class KnativeRouteRenderer {
  static final String VS_API_VERSION = "networking.istio.io/v1beta1";
  static final String VS_KIND = "VirtualService";

  /** KServe's default {@code localGateway}. */
  static final String LOCAL_GATEWAY = "knative-serving/knative-local-gateway";

  static final String MESH_GATEWAY = "mesh";
  static final String CLUSTER_DOMAIN = "cluster.local";
  static final String ISVC_NAME_HEADER = "KServe-Isvc-Name";
  static final String ISVC_NAMESPACE_HEADER = "KServe-Isvc-Namespace";

  /** KServe's {@code HostRegExp}: the host, with any port. */
  private static final String PORT_MATCH = "(?::\\d{1,5})?";

  private final RenderConfig config;
  private final RouteRenderer httpRoutes;

  KnativeRouteRenderer(RenderConfig config) {
    this.config = config;
    this.httpRoutes = new RouteRenderer(config);
  }

  /**
   * The route objects; {@code mirrors}, when present, mirror the predict route (Istio's {@code
   * mirror} and {@code mirrorPercentage}, or Gateway API's {@code RequestMirror}).
   */
  List<HasMetadata> render(
      InferenceService isvc,
      InferenceServicePlan plan,
      ObjectMeta meta,
      Optional<ShadowMirrors> mirrors) {
    return switch (config.routing()) {
      case INGRESS -> List.of(virtualService(isvc, plan, meta, mirrors), localGatewayService(meta));
      case GATEWAY_API ->
          httpRoutes.render(plan, meta, java.util.Set.of(), mirrors).stream().toList();
      case NONE -> List.of();
    };
  }

  /** The cluster-local host of a service: {@code name.namespace.svc.cluster.local}. */
  static String localHost(String name, String namespace) {
    return name + "." + namespace + ".svc." + CLUSTER_DOMAIN;
  }

  static boolean clusterLocal(InferenceService isvc) {
    Map<String, String> labels = isvc.getMetadata().getLabels();
    return labels != null
        && "cluster-local".equals(labels.get(KnativeModeRenderer.VISIBILITY_LABEL));
  }

  private HasMetadata virtualService(
      InferenceService isvc,
      InferenceServicePlan plan,
      ObjectMeta meta,
      Optional<ShadowMirrors> mirrors) {
    boolean internal = clusterLocal(isvc);
    String local = localHost(plan.name(), plan.namespace());
    List<String> hosts = new ArrayList<>(List.of(local));
    List<String> gateways = new ArrayList<>(List.of(LOCAL_GATEWAY, MESH_GATEWAY));
    if (!internal) {
      hosts.add(plan.host());
      gateways.add(config.knativeIngressGateway());
    }
    List<Map<String, Object>> http = new ArrayList<>();
    plan.explainer()
        .ifPresent(e -> http.add(route(RouteRenderer.EXPLAIN_PATH_REGEX, plan, e, internal)));
    Map<String, Object> predict = route(null, plan, plan.predictEntry(), internal);
    mirrors.ifPresent(m -> predict.putAll(m.istioFields(plan.namespace())));
    http.add(predict);
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("hosts", hosts);
    spec.put("gateways", gateways);
    spec.put("http", http);
    GenericKubernetesResource vs =
        new GenericKubernetesResourceBuilder()
            .withApiVersion(VS_API_VERSION)
            .withKind(VS_KIND)
            .withMetadata(new ObjectMetaBuilder(meta).build())
            .build();
    vs.setAdditionalProperty("spec", spec);
    return vs;
  }

  /**
   * One HTTP route: matches on the cluster-local host (and the external one), forwarded to the
   * local gateway.
   */
  private Map<String, Object> route(
      String pathRegex, InferenceServicePlan plan, ComponentPlan target, boolean internal) {
    List<Map<String, Object>> matches = new ArrayList<>();
    matches.add(
        match(
            pathRegex,
            localHost(plan.name(), plan.namespace()),
            List.of(LOCAL_GATEWAY, MESH_GATEWAY)));
    if (!internal) {
      matches.add(match(pathRegex, plan.host(), List.of(config.knativeIngressGateway())));
    }
    Map<String, Object> set = new LinkedHashMap<>();
    set.put("Host", localHost(target.name(), plan.namespace()));
    set.put(ISVC_NAME_HEADER, plan.name());
    set.put(ISVC_NAMESPACE_HEADER, plan.namespace());
    Map<String, Object> destination =
        Map.of(
            "host",
            config.knativeLocalGatewayService(),
            "port",
            Map.of("number", StandardModeRenderer.SERVICE_PORT));
    Map<String, Object> route = new LinkedHashMap<>();
    route.put("match", matches);
    route.put("route", List.of(Map.of("destination", destination, "weight", 100)));
    route.put("headers", Map.of("request", Map.of("set", set)));
    return route;
  }

  private static Map<String, Object> match(String pathRegex, String host, List<String> gateways) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (pathRegex != null) {
      m.put("uri", Map.of("regex", pathRegex));
    }
    m.put("authority", Map.of("regex", "^" + host.replace(".", "\\.") + PORT_MATCH + "$"));
    m.put("gateways", gateways);
    return m;
  }

  /**
   * KServe's external-name Service: the InferenceService's cluster-local host resolves to Knative's
   * local gateway.
   */
  private HasMetadata localGatewayService(ObjectMeta meta) {
    return new ServiceBuilder()
        .withMetadata(new ObjectMetaBuilder(meta).build())
        .withNewSpec()
        .withType("ExternalName")
        .withExternalName(config.knativeLocalGatewayService())
        .withSessionAffinity("None")
        .endSpec()
        .build();
  }
}
