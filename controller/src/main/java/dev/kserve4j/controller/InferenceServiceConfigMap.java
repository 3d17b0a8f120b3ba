package dev.kserve4j.controller;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.kserve4j.api.validation.OutboundHosts;
import dev.kserve4j.plan.DeploymentMode;
import dev.kserve4j.plan.KServe4jImage;
import dev.kserve4j.plan.PlanConfig;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * KServe's {@code inferenceservice-config} ConfigMap, read into the operator's settings: the keys
 * {@code ingress}, {@code deploy}, {@code storageInitializer}, {@code router} and {@code
 * inferenceService}, each a JSON object as in KServe ({@code
 * pkg/apis/serving/v1beta1/configmap.go}). Other keys and fields are ignored; a field left out
 * keeps its default. JSON that does not parse, or a value of the wrong type or form, is refused
 * naming the key and field and what was expected.
 */
public final class InferenceServiceConfigMap {
  /** The ConfigMap's name, as KServe names it. */
  public static final String NAME = "inferenceservice-config";

  private static final Logger LOG = LoggerFactory.getLogger(InferenceServiceConfigMap.class);
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  /**
   * A Kubernetes resource quantity ({@code resource.ParseQuantity}): a number with an optional
   * suffix.
   */
  private static final Pattern QUANTITY =
      Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+|[KMGTPE]i|[numkMGTPE])?");

  private InferenceServiceConfigMap() {}

  /**
   * {@code base} with the settings of the ConfigMap {@code namespace/name}, or {@code base} itself
   * (logged) when there is no such ConfigMap.
   *
   * @throws IllegalArgumentException when the ConfigMap holds a malformed setting, naming the
   *     ConfigMap and key
   */
  public static ControllerConfig load(
      KubernetesClient client, String namespace, String name, ControllerConfig base) {
    ConfigMap configMap = client.configMaps().inNamespace(namespace).withName(name).get();
    if (configMap == null) {
      LOG.info(
          "ConfigMap {}/{} not found: using the default settings (ingress domain {}, default"
              + " deployment mode {})",
          namespace,
          name,
          base.plan().ingressDomain(),
          base.plan().defaultDeploymentMode().annotation());
      return base;
    }
    try {
      ControllerConfig config =
          apply(configMap.getData() == null ? Map.of() : configMap.getData(), base);
      LOG.info(
          "ConfigMap {}/{}: ingress domain {}, domain template {}, default deployment mode {},"
              + " routing {}, storage initializer {}",
          namespace,
          name,
          config.plan().ingressDomain(),
          config.plan().domainTemplate(),
          config.plan().defaultDeploymentMode().annotation(),
          config.render().routing(),
          config.render().storageInitializerImage());
      return config;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "ConfigMap " + namespace + "/" + name + ": " + e.getMessage(), e);
    }
  }

  /**
   * {@code base} with the settings of a ConfigMap's {@code data}.
   *
   * @throws IllegalArgumentException naming the key and field of a malformed setting
   */
  public static ControllerConfig apply(Map<String, String> data, ControllerConfig base) {
    requireNonNull(data, "data");
    requireNonNull(base, "base");
    PlanConfig plan = base.plan();
    RenderConfig render = base.render();
    Section ingress = Section.of(data, "ingress");
    if (ingress != null) {
      plan = ingressPlan(ingress, plan);
      render = ingressRender(ingress, render);
    }
    Section deploy = Section.of(data, "deploy");
    if (deploy != null) {
      plan = plan.withDefaultDeploymentMode(deploymentMode(deploy));
    }
    Section initializer = Section.of(data, "storageInitializer");
    if (initializer != null) {
      String image = initializer.text("image", render.storageInitializerImage());
      render =
          new RenderConfig(
              image,
              storageInitializerArgs(image),
              render.routing(),
              render.ingressClassName(),
              render.gateway(),
              render.knativeIngressGateway(),
              render.knativeLocalGatewayService(),
              render.router(),
              initializer.quantities(
                  render.storageInitializerRequests(), "cpuRequest", "memoryRequest"),
              initializer.quantities(render.storageInitializerLimits(), "cpuLimit", "memoryLimit"));
    }
    Section router = Section.of(data, "router");
    if (router != null) {
      render = render.withRouter(router(router, render.router()));
    }
    Section isvc = Section.of(data, "inferenceService");
    if (isvc != null && isvc.json().has("resource")) {
      Section resource = isvc.child("resource");
      plan =
          new PlanConfig(
              plan.ingressDomain(),
              plan.urlScheme(),
              plan.defaultDeploymentMode(),
              plan.domainTemplate(),
              resource.optionalQuantities("cpuRequest", "memoryRequest"),
              resource.optionalQuantities("cpuLimit", "memoryLimit"));
    }
    return new ControllerConfig(base.namespaces(), render, plan, base.resync(), base.retryDelay());
  }

  /**
   * The arguments that select storage-initializer mode: kserve4j's images ({@link KServe4jImage})
   * run the kserve4j command line; any other image, such as KServe's {@code
   * kserve/storage-initializer}, is run with its own entrypoint.
   */
  static List<String> storageInitializerArgs(String image) {
    return KServe4jImage.matches(image)
        ? RenderConfig.KSERVE4J_STORAGE_INITIALIZER_ARGS
        : List.of();
  }

  /**
   * KServe's {@code RouterConfig} (image, resources, {@code headers}, pull policy and secrets) and
   * kserve4j's {@code allowedHosts}; a field left out keeps {@code base}'s value.
   */
  private static RouterConfig router(Section router, RouterConfig base) {
    List<String> allowed = router.strings("allowedHosts", base.allowedHosts());
    try {
      new OutboundHosts(allowed);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "key 'router': allowedHosts: " + e.getMessage().replace("--allow-host ", ""), e);
    }
    return new RouterConfig(
        router.text("image", base.image()),
        router.quantities(base.requests(), "cpuRequest", "memoryRequest"),
        router.quantities(base.limits(), "cpuLimit", "memoryLimit"),
        router.stringLists("headers", base.headers()),
        router.text("imagePullPolicy", base.imagePullPolicy()),
        router.strings("imagePullSecrets", base.imagePullSecrets()),
        allowed);
  }

  private static PlanConfig ingressPlan(Section ingress, PlanConfig plan) {
    String scheme = ingress.text("urlScheme", plan.urlScheme());
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw ingress.invalid("urlScheme", "\"" + scheme + "\"", "http or https");
    }
    String template = ingress.text("domainTemplate", plan.domainTemplate());
    try {
      return new PlanConfig(
          ingress.text("ingressDomain", plan.ingressDomain()),
          scheme,
          plan.defaultDeploymentMode(),
          template,
          plan.defaultRequests(),
          plan.defaultLimits());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("key 'ingress': " + e.getMessage(), e);
    }
  }

  private static RenderConfig ingressRender(Section ingress, RenderConfig render) {
    boolean gatewayApi = ingress.flag("enableGatewayApi");
    String gateway = ingress.text("kserveIngressGateway", render.gateway());
    if (gateway.split("/", -1).length != 2 || gateway.startsWith("/") || gateway.endsWith("/")) {
      throw ingress.invalid("kserveIngressGateway", "\"" + gateway + "\"", "<namespace>/<name>");
    }
    if (!ingress.json().hasNonNull("ingressGateway")) {
      throw new IllegalArgumentException(
          "key 'ingress': ingressGateway is required (as in KServe;"
              + " expected <namespace>/<name>, e.g. knative-serving/knative-ingress-gateway)");
    }
    RenderConfig.Routing routing =
        ingress.flag("disableIngressCreation")
            ? RenderConfig.Routing.NONE
            : gatewayApi ? RenderConfig.Routing.GATEWAY_API : RenderConfig.Routing.INGRESS;
    return new RenderConfig(
        render.storageInitializerImage(),
        render.storageInitializerArgs(),
        routing,
        ingress.text("ingressClassName", render.ingressClassName()),
        gateway,
        ingress.text("ingressGateway", render.knativeIngressGateway()),
        ingress.text(
            "knativeLocalGatewayService",
            ingress.text("localGatewayService", render.knativeLocalGatewayService())),
        render.router(),
        render.storageInitializerRequests(),
        render.storageInitializerLimits());
  }

  private static DeploymentMode deploymentMode(Section deploy) {
    String value = deploy.text("defaultDeploymentMode", "");
    DeploymentMode mode = DeploymentMode.fromAnnotation(value);
    if (value.isEmpty()) {
      throw new IllegalArgumentException(
          "key 'deploy': defaultDeploymentMode is required (expected Standard,"
              + " RawDeployment, Knative or Serverless)");
    }
    if (mode == null) {
      throw deploy.invalid(
          "defaultDeploymentMode",
          "\"" + value + "\"",
          "Standard, RawDeployment, Knative or Serverless"
              + (value.equals("ModelMesh") ? "; ModelMesh is not supported" : ""));
    }
    return mode;
  }

  /**
   * One JSON object of the ConfigMap, named for messages ({@code ingress}, {@code
   * inferenceService.resource}).
   */
  private record Section(String key, JsonNode json) {
    static Section of(Map<String, String> data, String key) {
      String text = data.get(key);
      if (text == null) {
        return null;
      }
      JsonNode json;
      try {
        json = MAPPER.readTree(text);
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException(
            "key '"
                + key
                + "' is not valid JSON ("
                + e.getOriginalMessage()
                + " at line "
                + e.getLocation().getLineNr()
                + ", column "
                + e.getLocation().getColumnNr()
                + "); expected a JSON object as in KServe's inferenceservice-config");
      }
      if (json == null || !json.isObject()) {
        throw new IllegalArgumentException(
            "key '"
                + key
                + "' holds "
                + (json == null ? "nothing" : json.getNodeType())
                + "; expected a JSON object as in KServe's inferenceservice-config");
      }
      return new Section(key, json);
    }

    Section child(String field) {
      JsonNode child = json.get(field);
      if (!child.isObject()) {
        throw invalid(field, child.toString(), "a JSON object");
      }
      return new Section(key + "." + field, child);
    }

    String text(String field, String fallback) {
      JsonNode value = json.get(field);
      if (value == null || value.isNull() || (value.isTextual() && value.asText().isEmpty())) {
        return fallback;
      }
      if (!value.isTextual()) {
        throw invalid(field, value.toString(), "a string");
      }
      return value.asText();
    }

    /** A JSON array of strings, or {@code fallback} when the field is absent or null. */
    List<String> strings(String field, List<String> fallback) {
      JsonNode value = json.get(field);
      if (value == null || value.isNull()) {
        return fallback;
      }
      return strings(field, value);
    }

    /**
     * A JSON object whose values are arrays of strings (KServe's {@code map[string][]string}), or
     * {@code fallback} when the field is absent or null.
     */
    Map<String, List<String>> stringLists(String field, Map<String, List<String>> fallback) {
      JsonNode value = json.get(field);
      if (value == null || value.isNull()) {
        return fallback;
      }
      if (!value.isObject()) {
        throw invalid(field, value.toString(), "a JSON object of string arrays");
      }
      Map<String, List<String>> out = new LinkedHashMap<>();
      value
          .fields()
          .forEachRemaining(
              e -> out.put(e.getKey(), strings(field + "." + e.getKey(), e.getValue())));
      return out;
    }

    private List<String> strings(String field, JsonNode value) {
      if (!value.isArray()) {
        throw invalid(field, value.toString(), "a JSON array of strings");
      }
      List<String> out = new ArrayList<>();
      for (JsonNode item : value) {
        if (!item.isTextual()) {
          throw invalid(field, value.toString(), "a JSON array of strings");
        }
        out.add(item.asText());
      }
      return out;
    }

    boolean flag(String field) {
      JsonNode value = json.get(field);
      if (value == null || value.isNull()) {
        return false;
      }
      if (!value.isBoolean()) {
        throw invalid(field, value.toString(), "true or false");
      }
      return value.booleanValue();
    }

    /**
     * {@code defaults} with the given quantity fields ({@code cpu...}, {@code memory...}) replaced
     * where set.
     */
    Map<String, Quantity> quantities(
        Map<String, Quantity> defaults, String cpuField, String memoryField) {
      Map<String, Quantity> out = new LinkedHashMap<>(defaults);
      quantity(cpuField, true).ifPresent(q -> out.put("cpu", q));
      quantity(memoryField, true).ifPresent(q -> out.put("memory", q));
      return out;
    }

    /** Only the quantity fields that are set; an empty string means none, as in KServe. */
    Map<String, Quantity> optionalQuantities(String cpuField, String memoryField) {
      Map<String, Quantity> out = new LinkedHashMap<>();
      quantity(cpuField, false).ifPresent(q -> out.put("cpu", q));
      quantity(memoryField, false).ifPresent(q -> out.put("memory", q));
      return out;
    }

    private Optional<Quantity> quantity(String field, boolean emptyIsError) {
      JsonNode value = json.get(field);
      if (value == null
          || value.isNull()
          || (!emptyIsError && value.isTextual() && value.asText().isEmpty())) {
        return Optional.empty();
      }
      if (!value.isTextual() || !QUANTITY.matcher(value.asText()).matches()) {
        throw invalid(
            field,
            value.toString(),
            "a Kubernetes quantity such as "
                + (field.startsWith("cpu") ? "100m or 1" : "100Mi or 1Gi"));
      }
      return Optional.of(new Quantity(value.asText()));
    }

    IllegalArgumentException invalid(String field, String value, String expected) {
      return new IllegalArgumentException(
          "key '" + key + "': " + field + " is " + value + " (expected " + expected + ")");
    }
  }
}
