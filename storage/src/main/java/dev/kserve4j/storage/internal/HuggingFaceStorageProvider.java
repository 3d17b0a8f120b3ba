package dev.kserve4j.storage.internal;

import dev.kserve4j.storage.ModelSource;
import dev.kserve4j.storage.StorageConfig;
import dev.kserve4j.storage.StorageProvider;
import java.util.Set;

/**
 * {@code hf://owner/repo[:revision]} from the Hugging Face Hub; see {@link HuggingFaceModelSource}.
 */
public final class HuggingFaceStorageProvider implements StorageProvider {

  @Override
  public Set<String> schemes() {
    return Set.of("hf");
  }

  @Override
  public ModelSource open(StorageConfig config) {
    return new HuggingFaceModelSource(config.huggingFace());
  }
}
