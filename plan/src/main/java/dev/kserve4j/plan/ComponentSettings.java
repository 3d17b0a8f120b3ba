package dev.kserve4j.plan;

import dev.kserve4j.api.v1beta1.ComponentSpec;
import dev.kserve4j.api.v1beta1.ScaleMetric;
import dev.kserve4j.api.v1beta1.StorageUri;
import dev.kserve4j.api.validation.InferenceServiceDefaulter;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A component's scaling and serving settings with KServe's defaults applied.
 *
 * <ul>
 *   <li>{@code minReplicas}: {@code DefaultMinReplicas}, 1.
 *   <li>{@code maxReplicas}: Standard mode raises it to {@code minReplicas} as KServe's HPA
 *       reconciler does; in Knative mode an unset value is 0, Knative's "no limit".
 *   <li>{@code scaleMetric}: {@code cpu} in Standard mode (HPA), {@code concurrency} in Knative
 *       mode; {@code scaleTarget} for cpu defaults to {@code DefaultCPUUtilization}, 80 percent.
 * </ul>
 */
record ComponentSettings(
    int minReplicas,
    int maxReplicas,
    String scaleMetric,
    Integer scaleTarget,
    Long containerConcurrency,
    Long timeout,
    Long canaryTrafficPercent) {
  /** KServe's {@code DefaultCPUUtilization}, in percent. */
  static final int DEFAULT_CPU_UTILIZATION = 80;

  static ComponentSettings of(ComponentSpec spec, DeploymentMode mode) {
    int min =
        spec.getMinReplicas() == null
            ? InferenceServiceDefaulter.DEFAULT_MIN_REPLICAS
            : spec.getMinReplicas();
    int givenMax = spec.getMaxReplicas() == null ? 0 : spec.getMaxReplicas();
    int max = mode == DeploymentMode.STANDARD ? Math.max(givenMax, min) : givenMax;
    String metric =
        spec.getScaleMetric() != null
            ? spec.getScaleMetric().name().toLowerCase(Locale.ROOT)
            : mode == DeploymentMode.STANDARD ? "cpu" : "concurrency";
    Integer target =
        spec.getScaleTarget() != null
            ? spec.getScaleTarget()
            : mode == DeploymentMode.STANDARD
                    && metric.equals(ScaleMetric.CPU.name().toLowerCase(Locale.ROOT))
                ? DEFAULT_CPU_UTILIZATION
                : null;
    return new ComponentSettings(
        min,
        max,
        metric,
        target,
        spec.getContainerConcurrency(),
        spec.getTimeout(),
        spec.getCanaryTrafficPercent());
  }

  static List<StorageLocation> storageUris(ComponentSpec spec) {
    if (spec.getStorageUris() == null) {
      return List.of();
    }
    return spec.getStorageUris().stream().map(ComponentSettings::location).toList();
  }

  /**
   * A custom component's model locations, as KServe's {@code GetStorageUri} and storage-initializer
   * injector see them: the {@value StorageLocation#STORAGE_URI_ENV} env var of its server container
   * (when set and not empty) at {@value StorageLocation#DEFAULT_MOUNT_PATH}, then {@code
   * storageUris}.
   */
  static List<StorageLocation> customStorage(ComponentSpec spec, Container container) {
    List<StorageLocation> storage = new ArrayList<>();
    if (container != null && container.getEnv() != null) {
      container.getEnv().stream()
          .filter(e -> StorageLocation.STORAGE_URI_ENV.equals(e.getName()))
          .map(EnvVar::getValue)
          .filter(v -> v != null && !v.isEmpty())
          .findFirst()
          .ifPresent(
              uri -> storage.add(new StorageLocation(uri, StorageLocation.DEFAULT_MOUNT_PATH)));
    }
    storage.addAll(storageUris(spec));
    return storage;
  }

  private static StorageLocation location(StorageUri s) {
    return new StorageLocation(
        s.uri(),
        s.mountPath() == null || s.mountPath().isEmpty()
            ? StorageLocation.DEFAULT_MOUNT_PATH
            : s.mountPath());
  }

  ComponentPlan component(
      String component,
      String name,
      InferenceServicePlanner.Hosts hosts,
      String runtime,
      boolean clusterScoped,
      String format,
      List<StorageLocation> storage,
      String protocol,
      Container container) {
    return new ComponentPlan(
        component,
        name,
        hosts.host(name),
        hosts.url(name),
        runtime,
        clusterScoped,
        format,
        storage,
        protocol,
        container,
        minReplicas,
        maxReplicas,
        scaleMetric,
        scaleTarget,
        containerConcurrency,
        timeout,
        canaryTrafficPercent);
  }
}
