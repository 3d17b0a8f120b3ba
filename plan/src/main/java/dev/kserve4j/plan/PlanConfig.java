package dev.kserve4j.plan;

import static java.util.Objects.requireNonNull;

/**
 * The cluster settings a plan depends on: KServe's {@code ingress} section of the
 * {@code inferenceservice-config} ConfigMap and its {@code deploy.defaultDeploymentMode}.
 *
 * @param ingressDomain the domain of generated hosts ({@code ingressDomain}, KServe's default
 *     {@code example.com})
 * @param urlScheme the scheme of generated URLs ({@code urlScheme}, default {@code http})
 * @param defaultDeploymentMode the mode of an InferenceService without the
 *     {@code serving.kserve.io/deploymentMode} annotation
 */
public record PlanConfig(String ingressDomain, String urlScheme, DeploymentMode defaultDeploymentMode) {
  /** KServe's {@code DefaultIngressDomain}. */
  public static final String DEFAULT_INGRESS_DOMAIN = "example.com";
  /** KServe's default {@code urlScheme}. */
  public static final String DEFAULT_URL_SCHEME = "http";

  public PlanConfig {
    requireNonNull(ingressDomain, "ingressDomain");
    requireNonNull(urlScheme, "urlScheme");
    requireNonNull(defaultDeploymentMode, "defaultDeploymentMode");
    if (ingressDomain.isBlank() || urlScheme.isBlank()) {
      throw new IllegalArgumentException("ingressDomain '" + ingressDomain + "' and urlScheme '"
          + urlScheme + "' must not be blank (expected e.g. example.com and http)");
    }
  }

  /**
   * KServe's shipped settings: {@code example.com}, {@code http}, and the default mode of its
   * ConfigMap, {@code Serverless} (now called Knative).
   */
  public static PlanConfig defaults() {
    return new PlanConfig(DEFAULT_INGRESS_DOMAIN, DEFAULT_URL_SCHEME, DeploymentMode.KNATIVE);
  }

  /** The same settings with another default deployment mode. */
  public PlanConfig withDefaultDeploymentMode(DeploymentMode mode) {
    return new PlanConfig(ingressDomain, urlScheme, mode);
  }
}
