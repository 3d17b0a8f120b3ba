package dev.kserve4j.controller;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kserve4j.api.v1alpha1.InferenceGraph;
import dev.kserve4j.api.v1alpha1.InferenceGraphSpec;
import dev.kserve4j.api.validation.OutboundHosts;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The router's pod, as KServe's {@code createInferenceGraphPodSpec} and {@code
 * createKnativeService} render it: one container running the graph as {@code --graph-json} (each
 * {@code serviceName} step with its resolved {@code serviceUrl}), with the router config's image,
 * pull policy, pull secrets and default resources, {@code PROPAGATE_HEADERS} when the config names
 * headers to propagate, KServe's readiness probe on {@code /readyz}, a locked-down security context
 * and no service account token. On kserve4j's image the arguments start with the {@code router}
 * command and end with an {@code --allow-host} per {@link RouterConfig#allowedHosts()}, and {@value
 * RouterConfig#GRAPH_NAME_ENV} names the graph (in the router's metrics and errors); beyond KServe,
 * a writable {@code /tmp} is mounted for the JVM under the read-only root file system.
 */
final class RouterPodRenderer {
  /** The router's port (KServe's {@code RouterPort}). */
  static final int ROUTER_PORT = 8080;

  /** The router's readiness endpoint (KServe's {@code RouterReadinessEndpoint}). */
  static final String READINESS_PATH = "/readyz";

  /** The command of kserve4j's command line that runs a graph. */
  static final String ROUTER_COMMAND = "router";

  private final RouterConfig config;
  private final ObjectMapper json =
      JsonMapper.builder()
          .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
          .build();

  RouterPodRenderer(RouterConfig config) {
    this.config = requireNonNull(config, "config");
  }

  /**
   * The pod; {@code named} gives the container the graph's name (Standard mode; Knative names it
   * itself).
   */
  PodSpec render(InferenceGraph graph, Map<String, String> serviceUrls, boolean named) {
    InferenceGraphSpec spec = graph.getSpec();
    Container router =
        new ContainerBuilder()
            .withName(named ? graph.getMetadata().getName() : null)
            .withImage(config.image())
            .withImagePullPolicy(config.imagePullPolicy())
            .withArgs(args(graphJson(spec, serviceUrls)))
            .withEnv(env(graph))
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
        .withImagePullSecrets(
            config.imagePullSecrets().isEmpty()
                ? null
                : config.imagePullSecrets().stream().map(LocalObjectReference::new).toList())
        .withNodeSelector(spec.getNodeSelector())
        .withNodeName(spec.getNodeName())
        .withServiceAccountName(spec.getServiceAccountName())
        .build();
  }

  /**
   * What kserve4j's router would refuse in the graph it is given (see {@link OutboundHosts}), one
   * entry per step with the router's own message; always empty for another router image.
   */
  List<String> outboundRefusals(InferenceGraphSpec spec, Map<String, String> serviceUrls) {
    if (!config.kserve4jImage()) {
      return List.of();
    }
    InferenceGraphSpec resolved;
    try {
      resolved = json.readValue(graphJson(spec, serviceUrls), InferenceGraphSpec.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the rendered --graph-json cannot be read back", e);
    }
    return new OutboundHosts(config.allowedHosts()).refusals(resolved);
  }

  private List<String> args(String graphJson) {
    List<String> args = new ArrayList<>();
    if (config.kserve4jImage()) {
      args.add(ROUTER_COMMAND);
    }
    args.add("--graph-json");
    args.add(graphJson);
    if (config.kserve4jImage()) {
      config.allowedHosts().forEach(h -> args.addAll(List.of("--allow-host", h)));
    }
    return args;
  }

  private List<EnvVar> env(InferenceGraph graph) {
    List<EnvVar> env = new ArrayList<>();
    if (config.kserve4jImage()) {
      env.add(new EnvVar(RouterConfig.GRAPH_NAME_ENV, graph.getMetadata().getName(), null));
    }
    config
        .propagateHeaders()
        .ifPresent(h -> env.add(new EnvVar(RouterConfig.PROPAGATE_HEADERS_ENV, h, null)));
    return env.isEmpty() ? null : env;
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

  /**
   * The spec's resources when it has any, else the router defaults of KServe's {@code
   * inferenceservice-config}.
   */
  private ResourceRequirements resources(ResourceRequirements requested) {
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
        .withLimits(config.limits())
        .withRequests(config.requests())
        .build();
  }
}
