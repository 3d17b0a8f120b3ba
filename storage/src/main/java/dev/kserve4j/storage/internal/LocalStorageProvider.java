package dev.kserve4j.storage.internal;

import dev.kserve4j.storage.ModelSource;
import dev.kserve4j.storage.ProgressListener;
import dev.kserve4j.storage.StorageConfig;
import dev.kserve4j.storage.StorageException;
import dev.kserve4j.storage.StorageProvider;
import dev.kserve4j.storage.StorageUri;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * {@code file://path} and plain paths: used in place, never copied or unpacked, as KServe's storage
 * initializer does when no output directory is given. {@code file:///abs} is absolute; {@code
 * file://rel} is relative to the working directory, as KServe strips the prefix.
 */
public final class LocalStorageProvider implements StorageProvider {

  @Override
  public Set<String> schemes() {
    return Set.of("file");
  }

  @Override
  public ModelSource open(StorageConfig config) {
    return new ModelSource() {
      @Override
      public Optional<Path> inPlace(StorageUri uri) {
        return Optional.of(existing(uri, uri.rest()));
      }

      @Override
      public void download(StorageUri uri, Path target, ProgressListener progress) {
        throw new IllegalStateException("local uri '" + uri + "' is used in place");
      }
    };
  }

  /** The absolute path of {@code location}, which must exist. */
  static Path existing(StorageUri uri, String location) {
    Path path;
    try {
      path = Path.of(location).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw StorageException.invalid(
          "storage uri '" + uri + "': '" + location + "' is not a valid path: " + e.getReason());
    }
    if (!Files.exists(path)) {
      throw StorageException.notFound(
          "storage uri '"
              + uri
              + "': local path "
              + path
              + " does not exist (expected a model file or directory)");
    }
    return path;
  }
}
