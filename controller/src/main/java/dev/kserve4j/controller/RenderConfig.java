package dev.kserve4j.controller;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The cluster settings the Standard-mode objects depend on, from KServe's
 * {@code inferenceservice-config} ConfigMap ({@code storageInitializer} and {@code ingress}).
 * Hosts are not here: the plan computed them from {@code ingressDomain} and {@code domainTemplate}.
 *
 * @param storageInitializerImage the image of the init container that downloads models
 * @param storageInitializerCommand the command that puts the image in storage-initializer mode;
 *     empty to use the image's entrypoint (KServe's {@code kserve/storage-initializer})
 * @param routing how external traffic reaches the InferenceService
 * @param ingressClassName the {@code ingressClassName} of rendered Ingresses (KServe's default {@code istio})
 * @param gateway the parent Gateway of rendered HTTPRoutes, {@code namespace/name}
 *     ({@code kserveIngressGateway}, KServe's default {@code kserve/kserve-ingress-gateway})
 * @param knativeIngressGateway the Istio gateway of Knative mode's external routes, {@code namespace/name}
 *     ({@code ingressGateway}, KServe's default {@code knative-serving/knative-ingress-gateway})
 * @param knativeLocalGatewayService the host of Knative's cluster-local gateway Service
 *     ({@code localGatewayService}, default {@code knative-local-gateway.istio-system.svc.cluster.local})
 * @param routerImage the image an InferenceGraph's router Deployment runs ({@code router.image})
 */
public record RenderConfig(String storageInitializerImage, List<String> storageInitializerCommand,
    Routing routing, String ingressClassName, String gateway, String knativeIngressGateway,
    String knativeLocalGatewayService, String routerImage) {

  /** How external traffic is routed: KServe's {@code enableGatewayApi} and {@code disableIngressCreation}. */
  public enum Routing {
    /** A {@code networking.k8s.io/v1} Ingress. */
    INGRESS,
    /** A Gateway API {@code HTTPRoute} attached to {@link #gateway()}. */
    GATEWAY_API,
    /** No external route; the components' Services only. */
    NONE
  }

  public RenderConfig {
    requireNonNull(storageInitializerImage, "storageInitializerImage");
    storageInitializerCommand = List.copyOf(storageInitializerCommand);
    requireNonNull(routing, "routing");
    requireNonNull(ingressClassName, "ingressClassName");
    requireNonNull(gateway, "gateway");
    requireNonNull(knativeIngressGateway, "knativeIngressGateway");
    requireNonNull(knativeLocalGatewayService, "knativeLocalGatewayService");
    requireNonNull(routerImage, "routerImage");
    if (gateway.split("/").length != 2 || gateway.startsWith("/") || gateway.endsWith("/")) {
      throw new IllegalArgumentException("gateway '" + gateway
          + "' must be namespace/name (expected e.g. kserve/kserve-ingress-gateway)");
    }
  }

  /** The kserve4j image in storage-initializer mode, routed through KServe's default Ingress class. */
  public static RenderConfig defaults() {
    return new RenderConfig("ghcr.io/kserve4j/kserve4j:0.1.0", List.of("kserve4j", "storage-initializer"),
        Routing.INGRESS, "istio", "kserve/kserve-ingress-gateway", "knative-serving/knative-ingress-gateway",
        "knative-local-gateway.istio-system.svc.cluster.local", "ghcr.io/kserve4j/kserve4j-router:0.1.0");
  }

  /** The same settings with another routing. */
  public RenderConfig withRouting(Routing other) {
    return new RenderConfig(storageInitializerImage, storageInitializerCommand, other, ingressClassName, gateway,
        knativeIngressGateway, knativeLocalGatewayService, routerImage);
  }

  String gatewayNamespace() {
    return gateway.substring(0, gateway.indexOf('/'));
  }

  String gatewayName() {
    return gateway.substring(gateway.indexOf('/') + 1);
  }
}
