package dev.kserve4j.controller;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.kserve4j.api.v1alpha1.InferenceGraph;
import dev.kserve4j.api.v1alpha1.InferenceGraphSpec;
import dev.kserve4j.plan.ComponentPlan;
import dev.kserve4j.plan.PlanConfig;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renders an InferenceGraph as the objects KServe creates for it, all named as the graph. Standard
 * (RawDeployment) mode ({@link #render}): a Deployment running the router ({@link
 * RouterPodRenderer}), a Service (port {@value StandardModeRenderer#SERVICE_PORT} to the router's
 * {@value #ROUTER_PORT}), an autoscaler by the {@code serving.kserve.io/autoscalerClass} annotation
 * (an HPA by default), and, beyond KServe, which gives the graph a URL but no route to it, an
 * Ingress or HTTPRoute for the graph's host. Knative mode ({@link #renderKnative}): a Knative
 * Service running the same router, as KServe's {@code createKnativeService} renders it. Every
 * object carries the graph's labels and {@code serving.kserve.io/inferencegraph: <name>} ({@code
 * app: isvc.<name>} in Standard mode), and an owner reference to the graph. Pure: the same inputs
 * give equal objects.
 */
public final class InferenceGraphRenderer {
  /** The label naming the graph an object belongs to (KServe's {@code InferenceGraphLabel}). */
  public static final String GRAPH_LABEL = "serving.kserve.io/inferencegraph";

  /** The router's port (KServe's {@code RouterPort}). */
  public static final int ROUTER_PORT = RouterPodRenderer.ROUTER_PORT;

  /**
   * The label of a Knative revision naming the kind of its owner (KServe's {@code
   * KServeWorkloadKind}).
   */
  static final String WORKLOAD_KIND_LABEL = "serving.kserve.io/kind";

  /** KServe's {@code DefaultMinReplicas}: the Knative {@code min-scale} of a graph without one. */
  private static final int DEFAULT_MIN_REPLICAS = 1;

  private final RenderConfig config;
  private final PlanConfig plan;
  private final RouterPodRenderer pods;
  private final AutoscalerRenderer autoscalers = new AutoscalerRenderer();
  private final ObjectMapper json = JsonMapper.builder().build();

  /** {@code plan} gives the ingress domain of the graph's host. */
  public InferenceGraphRenderer(RenderConfig config, PlanConfig plan) {
    this.config = requireNonNull(config, "config");
    this.plan = requireNonNull(plan, "plan");
    this.pods = new RouterPodRenderer(config.router());
  }

  /**
   * The graph's host, KServe's default {@code domainTemplate} {@code {name}-{namespace}.{domain}},
   * as KServe's {@code createRawURL} gives it.
   */
  public String host(InferenceGraph graph) {
    return graph.getMetadata().getName()
        + "-"
        + graph.getMetadata().getNamespace()
        + "."
        + plan.ingressDomain();
  }

  /**
   * The graph's URL: {@code http://} and {@link #host}, the scheme KServe's {@code createRawURL}
   * fixes.
   */
  public String url(InferenceGraph graph) {
    return "http://" + host(graph);
  }

  /**
   * The objects: Deployment, Service, the autoscaler if its class asks for one, then the route.
   *
   * @param serviceUrls the URL of every InferenceService a step names in {@code serviceName} (see
   *     {@link PredictorEndpoint}), by name
   */
  public List<HasMetadata> render(InferenceGraph graph, Map<String, String> serviceUrls) {
    requireNonNull(graph, "graph");
    requireNonNull(serviceUrls, "serviceUrls");
    String name = graph.getMetadata().getName();
    checkStored(graph);
    ComponentPlan router = routerPlan(graph);
    ObjectMeta meta = meta(graph, router);
    String autoscalerClass =
        Optional.ofNullable(graph.getMetadata().getAnnotations())
            .map(a -> a.get(AutoscalerRenderer.AUTOSCALER_CLASS))
            .orElse(null);
    List<HasMetadata> out = new ArrayList<>();
    Integer replicas =
        AutoscalerRenderer.ownsReplicas(autoscalerClass) ? null : AutoscalerRenderer.hpaMin(router);
    out.add(
        new DeploymentBuilder()
            .withMetadata(meta)
            .withNewSpec()
            .withReplicas(replicas)
            .withNewSelector()
            .addToMatchLabels(ComponentMeta.APP_LABEL, ComponentMeta.appLabel(router))
            .endSelector()
            .withNewTemplate()
            .withNewMetadata()
            .withLabels(meta.getLabels())
            .endMetadata()
            .withSpec(pods.render(graph, serviceUrls, true))
            .endTemplate()
            .endSpec()
            .build());
    out.add(
        new ServiceBuilder()
            .withMetadata(meta)
            .withNewSpec()
            .addToSelector(ComponentMeta.APP_LABEL, ComponentMeta.appLabel(router))
            .addNewPort()
            .withName(name)
            .withProtocol("TCP")
            .withPort(StandardModeRenderer.SERVICE_PORT)
            .withTargetPort(new IntOrString(ROUTER_PORT))
            .endPort()
            .endSpec()
            .build());
    try {
      autoscalers.render(router, meta, autoscalerClass).ifPresent(out::add);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("InferenceGraph '" + name + "': " + e.getMessage(), e);
    }
    route(graph, meta).ifPresent(out::add);
    return List.copyOf(out);
  }

  /**
   * The Knative Service of a Knative-mode graph, as KServe's {@code createKnativeService} renders
   * it: the router's pod (its container unnamed), the graph's {@code timeout} as the revision's
   * {@code timeoutSeconds}, and the revision template's annotations from the graph's and its
   * autoscaling ({@code min-scale} from {@code minReplicas}, 1 when unset; {@code max-scale} from
   * {@code maxReplicas} when not 0; {@code target} and {@code metric} from {@code scaleTarget} and
   * {@code scaleMetric}; {@link KnativeModeRenderer#templateAnnotations}). Its template is labelled
   * with the graph and {@value #WORKLOAD_KIND_LABEL}{@code : InferenceGraph}; it sets no traffic
   * (Knative sends all of it to the latest revision). The graph has no {@code
   * containerConcurrency}, so none is set.
   *
   * @param serviceUrls as for {@link #render}
   */
  public List<HasMetadata> renderKnative(InferenceGraph graph, Map<String, String> serviceUrls) {
    requireNonNull(graph, "graph");
    requireNonNull(serviceUrls, "serviceUrls");
    checkStored(graph);
    InferenceGraphSpec spec = graph.getSpec();
    ObjectMeta meta = meta(graph, null);
    Map<String, String> templateLabels = new LinkedHashMap<>(meta.getLabels());
    templateLabels.remove(KnativeModeRenderer.VISIBILITY_LABEL);
    templateLabels.put(WORKLOAD_KIND_LABEL, "InferenceGraph");
    Map<String, String> annotations =
        KnativeModeRenderer.templateAnnotations(
            graph.getMetadata().getAnnotations(),
            spec.getScaleTarget(),
            spec.getScaleMetric() == null
                ? null
                : json.convertValue(spec.getScaleMetric(), String.class),
            spec.getMinReplicas() == null ? DEFAULT_MIN_REPLICAS : spec.getMinReplicas(),
            spec.getMaxReplicas() == null ? 0 : spec.getMaxReplicas());
    return List.of(
        KnativeModeRenderer.knativeService(
            meta,
            templateLabels,
            annotations,
            KnativeModeRenderer.revision(pods.render(graph, serviceUrls, false), spec.getTimeout()),
            null));
  }

  /**
   * What kserve4j's router would refuse at start in the graph rendered with {@code serviceUrls}:
   * each {@code serviceUrl} step reaching a host that is neither one of the graph's
   * InferenceServices nor allowed by the router config's {@code allowedHosts}, in the router's own
   * words; empty when it would run, and for another router image.
   */
  public List<String> outboundRefusals(InferenceGraph graph, Map<String, String> serviceUrls) {
    return pods.outboundRefusals(requireNonNull(graph.getSpec(), "spec"), serviceUrls);
  }

  private static void checkStored(InferenceGraph graph) {
    requireNonNull(graph.getSpec(), "spec");
    if (graph.getMetadata().getUid() == null) {
      throw new IllegalArgumentException(
          "InferenceGraph '"
              + graph.getMetadata().getName()
              + "' has no metadata.uid; owner references need the stored resource's uid");
    }
  }

  /**
   * The router as a component, so that its autoscaler follows the InferenceService components'
   * rules.
   */
  private ComponentPlan routerPlan(InferenceGraph graph) {
    InferenceGraphSpec spec = graph.getSpec();
    int min = spec.getMinReplicas() == null ? 1 : spec.getMinReplicas();
    int max = spec.getMaxReplicas() == null ? 0 : spec.getMaxReplicas();
    String metric =
        spec.getScaleMetric() == null
            ? "cpu"
            : json.convertValue(spec.getScaleMetric(), String.class);
    return new ComponentPlan(
        "router",
        graph.getMetadata().getName(),
        host(graph),
        url(graph),
        null,
        false,
        null,
        List.of(),
        "v1",
        null,
        min,
        max,
        metric,
        spec.getScaleTarget(),
        null,
        spec.getTimeout(),
        null);
  }

  private Optional<HasMetadata> route(InferenceGraph graph, ObjectMeta meta) {
    String name = graph.getMetadata().getName();
    return switch (config.routing()) {
      case INGRESS ->
          Optional.of(
              new IngressBuilder()
                  .withMetadata(meta)
                  .withNewSpec()
                  .withIngressClassName(config.ingressClassName())
                  .addNewRule()
                  .withHost(host(graph))
                  .withNewHttp()
                  .addNewPath()
                  .withPath("/")
                  .withPathType("Prefix")
                  .withNewBackend()
                  .withNewService()
                  .withName(name)
                  .withNewPort()
                  .withNumber(StandardModeRenderer.SERVICE_PORT)
                  .endPort()
                  .endService()
                  .endBackend()
                  .endPath()
                  .endHttp()
                  .endRule()
                  .endSpec()
                  .build());
      case GATEWAY_API ->
          Optional.of(
              new HTTPRouteBuilder()
                  .withMetadata(meta)
                  .withNewSpec()
                  .addNewParentRef()
                  .withGroup("gateway.networking.k8s.io")
                  .withKind("Gateway")
                  .withNamespace(config.gatewayNamespace())
                  .withName(config.gatewayName())
                  .endParentRef()
                  .withHostnames(host(graph))
                  .addNewRule()
                  .addNewMatch()
                  .withNewPath()
                  .withType("PathPrefix")
                  .withValue("/")
                  .endPath()
                  .endMatch()
                  .addNewBackendRef()
                  .withKind("Service")
                  .withName(name)
                  .withPort(StandardModeRenderer.SERVICE_PORT)
                  .endBackendRef()
                  .endRule()
                  .endSpec()
                  .build());
      case NONE -> Optional.empty();
    };
  }

  /**
   * The graph's labels plus {@value #GRAPH_LABEL} and, for a router Deployment ({@code router} not
   * null), {@code app}, and the owner reference to the graph.
   */
  private static ObjectMeta meta(InferenceGraph graph, ComponentPlan router) {
    String name = graph.getMetadata().getName();
    Map<String, String> labels = new LinkedHashMap<>();
    if (graph.getMetadata().getLabels() != null) {
      labels.putAll(graph.getMetadata().getLabels());
    }
    labels.put(GRAPH_LABEL, name);
    if (router != null) {
      labels.put(ComponentMeta.APP_LABEL, ComponentMeta.appLabel(router));
    }
    return new ObjectMetaBuilder()
        .withName(name)
        .withNamespace(graph.getMetadata().getNamespace())
        .withLabels(labels)
        .withOwnerReferences(
            new OwnerReferenceBuilder()
                .withApiVersion(graph.getApiVersion())
                .withKind(graph.getKind())
                .withName(name)
                .withUid(graph.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build())
        .build();
  }
}
