package dev.kserve4j.storage.internal;

import dev.kserve4j.storage.ModelSource;
import dev.kserve4j.storage.StorageConfig;
import dev.kserve4j.storage.StorageProvider;
import java.util.Set;

/** {@code gs://bucket/prefix}, public objects over the GCS JSON API; see {@link GcsModelSource}. */
public final class GcsStorageProvider implements StorageProvider {

  @Override
  public Set<String> schemes() {
    return Set.of("gs");
  }

  @Override
  public ModelSource open(StorageConfig config) {
    return new GcsModelSource(config.gcs());
  }
}
