package dev.kserve4j.storage;

import java.util.Set;

/**
 * A storage scheme plug-in, found with {@link java.util.ServiceLoader}: list implementations in
 * {@code META-INF/services/dev.kserve4j.storage.StorageProvider}. Implementations have a public
 * no-argument constructor and hold no state; {@link #open} creates the stateful part.
 */
public interface StorageProvider {

  /** The lower-case URI schemes this provider serves, such as {@code s3} or {@code http}. */
  Set<String> schemes();

  /** Opens a source with these settings; called at most once per {@link ModelStorage}. */
  ModelSource open(StorageConfig config);
}
