package dev.kserve4j.storage.internal;

import dev.kserve4j.storage.ModelSource;
import dev.kserve4j.storage.StorageConfig;
import dev.kserve4j.storage.StorageProvider;
import java.util.Set;

/** {@code s3://bucket/prefix} through the AWS SDK for Java v2; see {@link S3ModelSource}. */
public final class S3StorageProvider implements StorageProvider {

  @Override
  public Set<String> schemes() {
    return Set.of("s3");
  }

  @Override
  public ModelSource open(StorageConfig config) {
    return new S3ModelSource(config.s3());
  }
}
