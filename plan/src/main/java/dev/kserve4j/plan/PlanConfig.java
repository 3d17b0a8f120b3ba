package dev.kserve4j.plan;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;

/**
 * The cluster settings a plan depends on: KServe's {@code ingress} section of the {@code
 * inferenceservice-config} ConfigMap, its {@code deploy.defaultDeploymentMode} and its {@code
 * inferenceService.resource} defaults.
 *
 * @param ingressDomain the domain of generated hosts ({@code ingressDomain}, KServe's default
 *     {@code example.com})
 * @param urlScheme the scheme of generated URLs ({@code urlScheme}, default {@code http})
 * @param defaultDeploymentMode the mode of an InferenceService without the {@code
 *     serving.kserve.io/deploymentMode} annotation
 * @param domainTemplate the Go template of Standard-mode hosts ({@code domainTemplate}, default
 *     {@value #DEFAULT_DOMAIN_TEMPLATE}); Knative mode's hosts are Knative's {@code
 *     name.namespace.domain}
 * @param defaultRequests resource requests a model-server container gets for each resource it does
 *     not request itself ({@code inferenceService.resource.cpuRequest}, {@code memoryRequest});
 *     empty for none
 * @param defaultLimits the same for limits ({@code cpuLimit}, {@code memoryLimit})
 */
public record PlanConfig(
    String ingressDomain,
    String urlScheme,
    DeploymentMode defaultDeploymentMode,
    String domainTemplate,
    Map<String, Quantity> defaultRequests,
    Map<String, Quantity> defaultLimits) {
  /** KServe's {@code DefaultIngressDomain}. */
  public static final String DEFAULT_INGRESS_DOMAIN = "example.com";

  /** KServe's default {@code urlScheme}. */
  public static final String DEFAULT_URL_SCHEME = "http";

  /** KServe's {@code DefaultDomainTemplate}. */
  public static final String DEFAULT_DOMAIN_TEMPLATE =
      "{{ .Name }}-{{ .Namespace }}.{{ .IngressDomain }}";

  public PlanConfig {
    requireNonNull(ingressDomain, "ingressDomain");
    requireNonNull(urlScheme, "urlScheme");
    requireNonNull(defaultDeploymentMode, "defaultDeploymentMode");
    requireNonNull(domainTemplate, "domainTemplate");
    defaultRequests = Map.copyOf(defaultRequests);
    defaultLimits = Map.copyOf(defaultLimits);
    if (ingressDomain.isBlank() || urlScheme.isBlank()) {
      throw new IllegalArgumentException(
          "ingressDomain '"
              + ingressDomain
              + "' and urlScheme '"
              + urlScheme
              + "' must not be blank (expected e.g. example.com and http)");
    }
    DomainTemplate.parse(domainTemplate);
  }

  /**
   * The given domain, scheme and default mode, KServe's default domain template and no resource
   * defaults.
   */
  public PlanConfig(String ingressDomain, String urlScheme, DeploymentMode defaultDeploymentMode) {
    this(
        ingressDomain,
        urlScheme,
        defaultDeploymentMode,
        DEFAULT_DOMAIN_TEMPLATE,
        Map.of(),
        Map.of());
  }

  /**
   * KServe's shipped settings: {@code example.com}, {@code http}, the default mode of its
   * ConfigMap, {@code Serverless} (now called Knative), and its default domain template; no
   * resource defaults.
   */
  public static PlanConfig defaults() {
    return new PlanConfig(DEFAULT_INGRESS_DOMAIN, DEFAULT_URL_SCHEME, DeploymentMode.KNATIVE);
  }

  /** The same settings with another default deployment mode. */
  public PlanConfig withDefaultDeploymentMode(DeploymentMode mode) {
    return new PlanConfig(
        ingressDomain, urlScheme, mode, domainTemplate, defaultRequests, defaultLimits);
  }

  /** The same settings with another ingress domain. */
  public PlanConfig withIngressDomain(String domain) {
    return new PlanConfig(
        domain, urlScheme, defaultDeploymentMode, domainTemplate, defaultRequests, defaultLimits);
  }
}
