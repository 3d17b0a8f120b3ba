package dev.kserve4j.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The fields every InferenceService component (predictor, transformer, explainer) has: a Kubernetes
 * pod spec (KServe's {@code PodSpec}, inlined), KServe's {@code ComponentExtensionSpec} (replicas,
 * autoscaling, concurrency, timeout, canary share, logger, batcher, pod labels and annotations,
 * deployment strategy), and {@code storageUris}.
 *
 * <p>The pod-spec fields and the fields this type does not declare come from fabric8's {@link
 * PodSpec} (its {@code additionalProperties} keeps unknown fields for the round trip).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public abstract class ComponentSpec extends PodSpec {
  @JsonProperty("minReplicas")
  private Integer minReplicas;

  @JsonProperty("maxReplicas")
  private Integer maxReplicas;

  @JsonProperty("scaleTarget")
  private Integer scaleTarget;

  @JsonProperty("scaleMetric")
  private ScaleMetric scaleMetric;

  @JsonProperty("scaleMetricType")
  private MetricTargetType scaleMetricType;

  @JsonProperty("autoScaling")
  private AutoScalingSpec autoScaling;

  @JsonProperty("containerConcurrency")
  private Long containerConcurrency;

  @JsonProperty("timeout")
  private Long timeout;

  @JsonProperty("canaryTrafficPercent")
  private Long canaryTrafficPercent;

  @JsonProperty("logger")
  private LoggerSpec logger;

  @JsonProperty("batcher")
  private Batcher batcher;

  @JsonProperty("labels")
  private Map<String, String> labels;

  @JsonProperty("annotations")
  private Map<String, String> annotations;

  @JsonProperty("deploymentStrategy")
  private DeploymentStrategy deploymentStrategy;

  @JsonProperty("storageUris")
  private List<StorageUri> storageUris;

  /** Minimum replicas; KServe defaults it to 1, and 0 enables scale-to-zero. */
  public Integer getMinReplicas() {
    return minReplicas;
  }

  public void setMinReplicas(Integer minReplicas) {
    this.minReplicas = minReplicas;
  }

  /** Maximum replicas for autoscaling. */
  public Integer getMaxReplicas() {
    return maxReplicas;
  }

  public void setMaxReplicas(Integer maxReplicas) {
    this.maxReplicas = maxReplicas;
  }

  /** The target value of {@code scaleMetric} per replica. */
  public Integer getScaleTarget() {
    return scaleTarget;
  }

  public void setScaleTarget(Integer scaleTarget) {
    this.scaleTarget = scaleTarget;
  }

  /** The metric the autoscaler watches. */
  public ScaleMetric getScaleMetric() {
    return scaleMetric;
  }

  public void setScaleMetric(ScaleMetric scaleMetric) {
    this.scaleMetric = scaleMetric;
  }

  /** How {@code scaleTarget} is expressed. */
  public MetricTargetType getScaleMetricType() {
    return scaleMetricType;
  }

  public void setScaleMetricType(MetricTargetType scaleMetricType) {
    this.scaleMetricType = scaleMetricType;
  }

  /** Autoscaling rules for the Horizontal Pod Autoscaler or KEDA. */
  public AutoScalingSpec getAutoScaling() {
    return autoScaling;
  }

  public void setAutoScaling(AutoScalingSpec autoScaling) {
    this.autoScaling = autoScaling;
  }

  /** The hard limit of requests one replica processes at once (0: unlimited). */
  public Long getContainerConcurrency() {
    return containerConcurrency;
  }

  public void setContainerConcurrency(Long containerConcurrency) {
    this.containerConcurrency = containerConcurrency;
  }

  /** The request timeout, in seconds. */
  public Long getTimeout() {
    return timeout;
  }

  public void setTimeout(Long timeout) {
    this.timeout = timeout;
  }

  /**
   * The share of traffic, 0-100, sent to the latest revision; the rest goes to the previously
   * rolled-out one.
   */
  public Long getCanaryTrafficPercent() {
    return canaryTrafficPercent;
  }

  public void setCanaryTrafficPercent(Long canaryTrafficPercent) {
    this.canaryTrafficPercent = canaryTrafficPercent;
  }

  /** Request/response logging. */
  public LoggerSpec getLogger() {
    return logger;
  }

  public void setLogger(LoggerSpec logger) {
    this.logger = logger;
  }

  /** Server-side batching. */
  public Batcher getBatcher() {
    return batcher;
  }

  public void setBatcher(Batcher batcher) {
    this.batcher = batcher;
  }

  /** Labels added to the component's pods. */
  public Map<String, String> getLabels() {
    return labels;
  }

  public void setLabels(Map<String, String> labels) {
    this.labels = labels;
  }

  /** Annotations added to the component's pods. */
  public Map<String, String> getAnnotations() {
    return annotations;
  }

  public void setAnnotations(Map<String, String> annotations) {
    this.annotations = annotations;
  }

  /** How pods are replaced (raw deployment mode only). */
  public DeploymentStrategy getDeploymentStrategy() {
    return deploymentStrategy;
  }

  public void setDeploymentStrategy(DeploymentStrategy deploymentStrategy) {
    this.deploymentStrategy = deploymentStrategy;
  }

  /** Several model locations, each with its mount path. */
  public List<StorageUri> getStorageUris() {
    return storageUris;
  }

  public void setStorageUris(List<StorageUri> storageUris) {
    this.storageUris = storageUris;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ComponentSpec that
        && super.equals(o)
        && Objects.equals(minReplicas, that.minReplicas)
        && Objects.equals(maxReplicas, that.maxReplicas)
        && Objects.equals(scaleTarget, that.scaleTarget)
        && Objects.equals(scaleMetric, that.scaleMetric)
        && Objects.equals(scaleMetricType, that.scaleMetricType)
        && Objects.equals(autoScaling, that.autoScaling)
        && Objects.equals(containerConcurrency, that.containerConcurrency)
        && Objects.equals(timeout, that.timeout)
        && Objects.equals(canaryTrafficPercent, that.canaryTrafficPercent)
        && Objects.equals(logger, that.logger)
        && Objects.equals(batcher, that.batcher)
        && Objects.equals(labels, that.labels)
        && Objects.equals(annotations, that.annotations)
        && Objects.equals(deploymentStrategy, that.deploymentStrategy)
        && Objects.equals(storageUris, that.storageUris);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        super.hashCode(),
        minReplicas,
        maxReplicas,
        scaleTarget,
        scaleMetric,
        scaleMetricType,
        autoScaling,
        containerConcurrency,
        timeout,
        canaryTrafficPercent,
        logger,
        batcher,
        labels,
        annotations,
        deploymentStrategy,
        storageUris);
  }
}
