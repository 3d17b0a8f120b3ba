package dev.kserve4j.controller;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.api.validation.OutboundHosts;
import dev.kserve4j.plan.KServe4jImage;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How an InferenceGraph's router runs: the {@code router} key of KServe's {@code
 * inferenceservice-config} (KServe's {@code RouterConfig}), plus kserve4j's {@code allowedHosts}.
 *
 * @param image the router image ({@code image})
 * @param requests the router container's requests when the graph sets no resources ({@code
 *     cpuRequest}, {@code memoryRequest}; KServe's defaults 100m and 100Mi)
 * @param limits its limits ({@code cpuLimit}, {@code memoryLimit}; 1 and 1Gi)
 * @param headers KServe's header operations ({@code headers}); {@code propagate} lists the
 *     header-name patterns passed to every step, as the router's {@code PROPAGATE_HEADERS}
 * @param imagePullPolicy the container's pull policy ({@code imagePullPolicy}), or null
 * @param imagePullSecrets the pod's pull secrets ({@code imagePullSecrets})
 * @param allowedHosts host patterns the graphs' {@code serviceUrl} steps may reach beyond their own
 *     InferenceServices ({@code allowedHosts}, kserve4j's router only: passed as {@code
 *     --allow-host}; see {@link OutboundHosts})
 */
public record RouterConfig(
    String image,
    Map<String, Quantity> requests,
    Map<String, Quantity> limits,
    Map<String, List<String>> headers,
    String imagePullPolicy,
    List<String> imagePullSecrets,
    List<String> allowedHosts) {
  /** kserve4j's router image, whose entrypoint is the kserve4j command line. */
  public static final String DEFAULT_IMAGE = "ghcr.io/kserve4j/kserve4j-router:0.1.0";

  /** The environment variable of the headers to propagate (KServe's name). */
  public static final String PROPAGATE_HEADERS_ENV = "PROPAGATE_HEADERS";

  /** The environment variable naming the graph to kserve4j's router. */
  public static final String GRAPH_NAME_ENV = "INFERENCE_GRAPH_NAME";

  public RouterConfig {
    requireNonNull(image, "image");
    requests = Map.copyOf(requests);
    limits = Map.copyOf(limits);
    Map<String, List<String>> copied = new LinkedHashMap<>();
    headers.forEach((k, v) -> copied.put(k, List.copyOf(v)));
    headers = Collections.unmodifiableMap(copied);
    imagePullSecrets = List.copyOf(imagePullSecrets);
    allowedHosts = new OutboundHosts(allowedHosts).patterns(); // refuses a malformed pattern
  }

  /**
   * kserve4j's router with KServe's default resources and pull policy, nothing propagated or
   * allowed (as deploy/controller/configmap.yaml).
   */
  public static RouterConfig defaults() {
    return new RouterConfig(
        DEFAULT_IMAGE,
        Map.of("cpu", new Quantity("100m"), "memory", new Quantity("100Mi")),
        Map.of("cpu", new Quantity("1"), "memory", new Quantity("1Gi")),
        Map.of(),
        "IfNotPresent",
        List.of(),
        List.of());
  }

  /** The same settings with another image. */
  public RouterConfig withImage(String other) {
    return new RouterConfig(
        other, requests, limits, headers, imagePullPolicy, imagePullSecrets, allowedHosts);
  }

  /**
   * Whether the image runs kserve4j's command line (its name, without registry and tag, starts with
   * {@code kserve4j}): it takes the {@code router} command, {@code --allow-host} and {@value
   * #GRAPH_NAME_ENV}. Any other image, such as KServe's {@code kserve/router}, gets exactly
   * KServe's container.
   */
  public boolean kserve4jImage() {
    return KServe4jImage.matches(image);
  }

  /**
   * The value of {@value #PROPAGATE_HEADERS_ENV}: the {@code propagate} patterns joined by commas,
   * when the key is configured (KServe sets the variable only then).
   */
  public Optional<String> propagateHeaders() {
    return Optional.ofNullable(headers.get("propagate")).map(p -> String.join(",", p));
  }
}
