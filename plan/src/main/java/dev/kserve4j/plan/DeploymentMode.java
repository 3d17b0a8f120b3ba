package dev.kserve4j.plan;

/**
 * How KServe deploys an InferenceService, named as the {@code serving.kserve.io/deploymentMode}
 * annotation names it.
 */
public enum DeploymentMode {
  /** Plain Deployments and Services with an HPA; hosts follow the {@code domainTemplate}. */
  STANDARD("Standard"),
  /** Knative Services; hosts are {@code name.namespace.domain}. */
  KNATIVE("Knative");

  private final String annotation;

  DeploymentMode(String annotation) {
    this.annotation = annotation;
  }

  /** The annotation value, e.g. {@code Standard}. */
  public String annotation() {
    return annotation;
  }

  /**
   * The mode an annotation value names, the legacy {@code RawDeployment} and {@code Serverless}
   * included; null for an unknown or absent value.
   */
  public static DeploymentMode fromAnnotation(String value) {
    if ("RawDeployment".equals(value)) {
      return STANDARD;
    }
    if ("Serverless".equals(value)) {
      return KNATIVE;
    }
    for (DeploymentMode m : values()) {
      if (m.annotation.equals(value)) {
        return m;
      }
    }
    return null;
  }
}
