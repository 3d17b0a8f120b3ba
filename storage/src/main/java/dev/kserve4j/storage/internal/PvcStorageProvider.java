package dev.kserve4j.storage.internal;

import dev.kserve4j.storage.ModelSource;
import dev.kserve4j.storage.ProgressListener;
import dev.kserve4j.storage.StorageConfig;
import dev.kserve4j.storage.StorageException;
import dev.kserve4j.storage.StorageProvider;
import dev.kserve4j.storage.StorageUri;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * {@code pvc://claim/path} in embedded mode: the claim is a directory under {@link
 * StorageConfig#pvcRoot()}, and the model is used in place. (On Kubernetes, KServe mounts the claim
 * itself at {@code /mnt/pvc}; here one root holds every claim as a subdirectory.)
 */
public final class PvcStorageProvider implements StorageProvider {

  @Override
  public Set<String> schemes() {
    return Set.of("pvc");
  }

  @Override
  public ModelSource open(StorageConfig config) {
    Path pvcRoot = config.pvcRoot();
    return new ModelSource() {
      @Override
      public Optional<Path> inPlace(StorageUri uri) {
        String claim = uri.authority();
        if (claim.isEmpty() || claim.equals(".") || claim.equals("..")) {
          throw StorageException.invalid(
              "storage uri '"
                  + uri
                  + "': claim name '"
                  + claim
                  + "' (expected pvc://<claim-name>/<path>)");
        }
        Path claimDir = ContainedPath.resolve(pvcRoot, claim, "storage uri '" + uri + "' claim");
        Path model =
            uri.path().isEmpty()
                ? claimDir
                : ContainedPath.resolve(claimDir, uri.path(), "storage uri '" + uri + "' path");
        return Optional.of(LocalStorageProvider.existing(uri, model.toString()));
      }

      @Override
      public void download(StorageUri uri, Path target, ProgressListener progress) {
        throw new IllegalStateException("pvc uri '" + uri + "' is used in place");
      }
    };
  }
}
