package dev.kserve4j.plan;

import static java.util.Objects.requireNonNull;

/**
 * One model location a component downloads and where it is mounted.
 *
 * @param uri the location, e.g. {@code gs://bucket/model}
 * @param mountPath the directory in the container; KServe mounts {@code storageUri} at {@code
 *     /mnt/models}
 */
public record StorageLocation(String uri, String mountPath) {
  /** KServe's {@code DefaultModelLocalMountPath}. */
  public static final String DEFAULT_MOUNT_PATH = "/mnt/models";

  /**
   * The environment variable that gives a custom container's model location (KServe's {@code
   * CustomSpecStorageUriEnvVarKey}); the model is fetched to {@link #DEFAULT_MOUNT_PATH}.
   */
  public static final String STORAGE_URI_ENV = "STORAGE_URI";

  public StorageLocation {
    requireNonNull(uri, "uri");
    requireNonNull(mountPath, "mountPath");
  }
}
