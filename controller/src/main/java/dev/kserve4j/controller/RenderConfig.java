package dev.kserve4j.controller;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import java.util.Map;

/**
 * The cluster settings the Standard-mode objects depend on, from KServe's {@code
 * inferenceservice-config} ConfigMap ({@code storageInitializer} and {@code ingress}). Hosts are
 * not here: the plan computed them from {@code ingressDomain} and {@code domainTemplate}.
 *
 * @param storageInitializerImage the image of the init container that downloads models ({@code
 *     storageInitializer.image})
 * @param storageInitializerArgs the arguments before the {@code SRC_URI DEST_PATH} pair, passed to
 *     the image's entrypoint: {@code storage-initializer} for kserve4j's images (whose entrypoint
 *     is the {@code kserve4j} command line), empty for KServe's {@code kserve/storage-initializer}
 * @param routing how external traffic reaches the InferenceService
 * @param ingressClassName the {@code ingressClassName} of rendered Ingresses (KServe's default
 *     {@code istio})
 * @param gateway the parent Gateway of rendered HTTPRoutes, {@code namespace/name} ({@code
 *     kserveIngressGateway}, KServe's default {@code kserve/kserve-ingress-gateway})
 * @param knativeIngressGateway the Istio gateway of Knative mode's external routes, {@code
 *     namespace/name} ({@code ingressGateway}, KServe's default {@code
 *     knative-serving/knative-ingress-gateway})
 * @param knativeLocalGatewayService the host of Knative's cluster-local gateway Service ({@code
 *     localGatewayService}, default {@code knative-local-gateway.istio-system.svc.cluster.local})
 * @param router how an InferenceGraph's router runs ({@code router})
 * @param storageInitializerRequests the init container's requests ({@code
 *     storageInitializer.cpuRequest}, {@code memoryRequest}; KServe's defaults 100m and 100Mi)
 * @param storageInitializerLimits its limits ({@code cpuLimit}, {@code memoryLimit}; 1 and 1Gi)
 */
public record RenderConfig(
    String storageInitializerImage,
    List<String> storageInitializerArgs,
    Routing routing,
    String ingressClassName,
    String gateway,
    String knativeIngressGateway,
    String knativeLocalGatewayService,
    RouterConfig router,
    Map<String, Quantity> storageInitializerRequests,
    Map<String, Quantity> storageInitializerLimits) {
  /**
   * The image of kserve4j's storage initializer: the server image, which holds the command line.
   */
  public static final String DEFAULT_STORAGE_INITIALIZER_IMAGE =
      "ghcr.io/kserve4j/kserve4j-server:0.1.0";

  /** The arguments that put a kserve4j image in storage-initializer mode. */
  public static final List<String> KSERVE4J_STORAGE_INITIALIZER_ARGS =
      List.of("storage-initializer");

  /**
   * How external traffic is routed: KServe's {@code enableGatewayApi} and {@code
   * disableIngressCreation}.
   */
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
    storageInitializerArgs = List.copyOf(storageInitializerArgs);
    storageInitializerRequests = Map.copyOf(storageInitializerRequests);
    storageInitializerLimits = Map.copyOf(storageInitializerLimits);
    requireNonNull(routing, "routing");
    requireNonNull(ingressClassName, "ingressClassName");
    requireNonNull(gateway, "gateway");
    requireNonNull(knativeIngressGateway, "knativeIngressGateway");
    requireNonNull(knativeLocalGatewayService, "knativeLocalGatewayService");
    requireNonNull(router, "router");
    if (gateway.split("/").length != 2 || gateway.startsWith("/") || gateway.endsWith("/")) {
      throw new IllegalArgumentException(
          "gateway '"
              + gateway
              + "' must be namespace/name (expected e.g. kserve/kserve-ingress-gateway)");
    }
  }

  /**
   * kserve4j's server image in storage-initializer mode with KServe's default init-container
   * resources, routed through KServe's default Ingress class (as deploy/controller/configmap.yaml).
   */
  public static RenderConfig defaults() {
    return new RenderConfig(
        DEFAULT_STORAGE_INITIALIZER_IMAGE,
        KSERVE4J_STORAGE_INITIALIZER_ARGS,
        Routing.INGRESS,
        "istio",
        "kserve/kserve-ingress-gateway",
        "knative-serving/knative-ingress-gateway",
        "knative-local-gateway.istio-system.svc.cluster.local",
        RouterConfig.defaults(),
        Map.of("cpu", new Quantity("100m"), "memory", new Quantity("100Mi")),
        Map.of("cpu", new Quantity("1"), "memory", new Quantity("1Gi")));
  }

  /** The same settings with another routing. */
  public RenderConfig withRouting(Routing other) {
    return new RenderConfig(
        storageInitializerImage,
        storageInitializerArgs,
        other,
        ingressClassName,
        gateway,
        knativeIngressGateway,
        knativeLocalGatewayService,
        router,
        storageInitializerRequests,
        storageInitializerLimits);
  }

  /** The same settings with another router configuration. */
  public RenderConfig withRouter(RouterConfig other) {
    return new RenderConfig(
        storageInitializerImage,
        storageInitializerArgs,
        routing,
        ingressClassName,
        gateway,
        knativeIngressGateway,
        knativeLocalGatewayService,
        other,
        storageInitializerRequests,
        storageInitializerLimits);
  }

  String gatewayNamespace() {
    return gateway.substring(0, gateway.indexOf('/'));
  }

  String gatewayName() {
    return gateway.substring(gateway.indexOf('/') + 1);
  }
}
