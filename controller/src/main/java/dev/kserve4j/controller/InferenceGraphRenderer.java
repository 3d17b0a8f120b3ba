package dev.kserve4j.controller;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kserve4j.api.v1alpha1.InferenceGraph;
import dev.kserve4j.api.v1alpha1.InferenceGraphSpec;
import dev.kserve4j.plan.ComponentPlan;
import dev.kserve4j.plan.PlanConfig;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renders an InferenceGraph as the objects KServe's Standard (RawDeployment) mode creates for it,
 * all named as the graph: a Deployment running the router with the graph as {@code --graph-json}, a
 * Service (port {@value StandardModeRenderer#SERVICE_PORT} to the router's {@value #ROUTER_PORT}),
 * an autoscaler by the {@code serving.kserve.io/autoscalerClass} annotation (an HPA by default),
 * and, beyond KServe, which gives the graph a URL but no route to it, an Ingress or HTTPRoute for
 * the graph's host. Every object carries the graph's labels, {@code
 * serving.kserve.io/inferencegraph: <name>} and {@code app: isvc.<name>}, and an owner reference to
 * the graph. Pure: the same inputs give equal objects.
 */
public final class InferenceGraphRenderer {
  /** The label naming the graph an object belongs to (KServe's {@code InferenceGraphLabel}). */
  public static final String GRAPH_LABEL = "serving.kserve.io/inferencegraph";

  /** The router's port (KServe's {@code RouterPort}). */
  public static final int ROUTER_PORT = 8080;

  /** The router's readiness endpoint (KServe's {@code RouterReadinessEndpoint}). */
  static final String READINESS_PATH = "/readyz";

  /** The router command of the router image, whose entrypoint is the kserve4j command line. */
  static final String ROUTER_COMMAND = "router";

  private final RenderConfig config;
  private final PlanConfig plan;
  private final AutoscalerRenderer autoscalers = new AutoscalerRenderer();
  private final ObjectMapper json =
      JsonMapper.builder().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true).build();

  /** {@code plan} gives the ingress domain of the graph's host. */
  public InferenceGraphRenderer(RenderConfig config, PlanConfig plan) {
    this.config = requireNonNull(config, "config");
    this.plan = requireNonNull(plan, "plan");
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
    if (graph.getMetadata().getUid() == null) {
      throw new IllegalArgumentException(
          "InferenceGraph '"
              + name
              + "' has no metadata.uid; owner references need the stored resource's uid");
    }
    InferenceGraphSpec spec = requireNonNull(graph.getSpec(), "spec");
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
            .withSpec(pod(graph, spec, serviceUrls))
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
   * The graph as the router reads it: the spec as JSON, map keys sorted, where each step naming an
   * InferenceService also gets its {@code serviceUrl} (KServe's controller fills it the same way).
   */
  String graphJson(InferenceGraphSpec spec, Map<String, String> serviceUrls) {
    try {
      JsonNode tree = json.readTree(json.writeValueAsString(spec));
      for (Iterator<Map.Entry<String, JsonNode>> nodes = tree.path("nodes").fields();
          nodes.hasNext(); ) {
        Map.Entry<String, JsonNode> node = nodes.next();
        JsonNode steps = node.getValue().path("steps");
        for (int i = 0; i < steps.size(); i++) {
          resolve(node.getKey(), i, (ObjectNode) steps.get(i), serviceUrls);
        }
      }
      return json.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the InferenceGraph spec cannot be written as JSON", e);
    }
  }

  /** Puts {@code serviceUrl} right after {@code serviceName}, keeping the other fields' order. */
  private static void resolve(
      String node, int index, ObjectNode step, Map<String, String> serviceUrls) {
    String service = step.path("serviceName").asText("");
    if (service.isEmpty() || !step.path("serviceUrl").asText("").isEmpty()) {
      return;
    }
    String url = serviceUrls.get(service);
    if (url == null) {
      throw new IllegalArgumentException(
          "node '"
              + node
              + "' step "
              + index
              + " names InferenceService '"
              + service
              + "', whose URL is not resolved (expected it among "
              + serviceUrls.keySet()
              + ")");
    }
    Map<String, JsonNode> fields = new LinkedHashMap<>();
    step.fields()
        .forEachRemaining(
            f -> {
              fields.put(f.getKey(), f.getValue());
              if ("serviceName".equals(f.getKey())) {
                fields.put("serviceUrl", step.textNode(url));
              }
            });
    step.removeAll();
    step.setAll(fields);
  }

  private PodSpec pod(
      InferenceGraph graph, InferenceGraphSpec spec, Map<String, String> serviceUrls) {
    Container router =
        new ContainerBuilder()
            .withName(graph.getMetadata().getName())
            .withImage(config.routerImage())
            .withArgs(ROUTER_COMMAND, "--graph-json", graphJson(spec, serviceUrls))
            .withResources(resources(spec.getResources()))
            .withNewReadinessProbe()
            .withNewHttpGet()
            .withPath(READINESS_PATH)
            .withPort(new IntOrString(ROUTER_PORT))
            .withScheme("HTTP")
            .endHttpGet()
            .withInitialDelaySeconds(5)
            .withTimeoutSeconds(2)
            .withPeriodSeconds(5)
            .withSuccessThreshold(1)
            .withFailureThreshold(3)
            .endReadinessProbe()
            .withNewSecurityContext()
            .withPrivileged(false)
            .withRunAsNonRoot(true)
            .withReadOnlyRootFilesystem(true)
            .withAllowPrivilegeEscalation(false)
            .withNewCapabilities()
            .withDrop("ALL")
            .endCapabilities()
            .endSecurityContext()
            // The root file system is read-only; the JVM and its native libraries need a writable
            // /tmp.
            .addNewVolumeMount()
            .withName("tmp")
            .withMountPath("/tmp")
            .endVolumeMount()
            .build();
    return new PodSpecBuilder()
        .withContainers(router)
        .addNewVolume()
        .withName("tmp")
        .withNewEmptyDir()
        .endEmptyDir()
        .endVolume()
        .withAffinity(spec.getAffinity())
        .withAutomountServiceAccountToken(false) // the router never calls the API server
        .withTolerations(spec.getTolerations())
        .withNodeSelector(spec.getNodeSelector())
        .withNodeName(spec.getNodeName())
        .withServiceAccountName(spec.getServiceAccountName())
        .build();
  }

  /**
   * The spec's resources when it has any, else the router defaults of KServe's {@code
   * inferenceservice-config}.
   */
  private static ResourceRequirements resources(ResourceRequirements requested) {
    boolean given =
        requested != null
            && ((requested.getLimits() != null && !requested.getLimits().isEmpty())
                || (requested.getRequests() != null && !requested.getRequests().isEmpty()));
    if (given) {
      return new ResourceRequirementsBuilder()
          .withLimits(requested.getLimits())
          .withRequests(requested.getRequests())
          .build();
    }
    return new ResourceRequirementsBuilder()
        .withLimits(Map.of("cpu", new Quantity("1"), "memory", new Quantity("1Gi")))
        .withRequests(Map.of("cpu", new Quantity("100m"), "memory", new Quantity("100Mi")))
        .build();
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
   * The graph's labels plus {@value #GRAPH_LABEL} and {@code app}, and the owner reference to the
   * graph.
   */
  private static ObjectMeta meta(InferenceGraph graph, ComponentPlan router) {
    String name = graph.getMetadata().getName();
    Map<String, String> labels = new LinkedHashMap<>();
    if (graph.getMetadata().getLabels() != null) {
      labels.putAll(graph.getMetadata().getLabels());
    }
    labels.put(GRAPH_LABEL, name);
    labels.put(ComponentMeta.APP_LABEL, ComponentMeta.appLabel(router));
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
