package dev.kserve4j.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One kind of store (S3, HTTP, a local directory, ...) opened with the settings of one {@link
 * ModelStorage}. Sources are used from several threads at once.
 */
public interface ModelSource extends AutoCloseable {

  /**
   * The model's location on this machine when the URI names one that is used in place, as KServe
   * does for {@code file://} and local paths; empty for remote stores, whose models {@link
   * ModelStorage} downloads into its cache through {@link #download}.
   */
  Optional<Path> inPlace(StorageUri uri);

  /**
   * Writes the model's files under {@code target}, keeping their relative paths. Called only when
   * {@link #inPlace} is empty. The caller deletes {@code target} if this throws, so a partial
   * download never becomes a cache entry.
   *
   * @param target an empty directory on the cache's file system
   * @throws IOException when the transfer breaks off; the caller reports it as unavailable
   * @throws StorageException when the URI is malformed or names nothing
   */
  void download(StorageUri uri, Path target, ProgressListener progress) throws IOException;

  /** Releases clients and threads; the default holds none. */
  @Override
  default void close() {}
}
