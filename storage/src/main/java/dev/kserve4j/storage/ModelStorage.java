package dev.kserve4j.storage;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.storage.internal.ArchiveUnpacker;
import dev.kserve4j.storage.internal.ModelCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Fetches models named by KServe storage URIs ({@code file://}, local paths, {@code http(s)://},
 * {@code s3://}, {@code gs://}, {@code hf://}, {@code pvc://}) to a local directory, as KServe's
 * storage initializer does before a predictor starts.
 *
 * <p>Local and {@code pvc://} models are used in place. Everything else is downloaded once into the
 * cache ({@link StorageConfig#cacheDir()}) and reused afterwards without network; a download that
 * yields exactly one {@code .tar}, {@code .tar.gz}, {@code .tgz} or {@code .zip} file is unpacked,
 * and the archive dropped, as KServe does. Thread-safe.
 */
public final class ModelStorage implements AutoCloseable {
  private final StorageConfig config;
  private final Map<String, StorageProvider> providersByScheme;
  private final ConcurrentHashMap<StorageProvider, ModelSource> sources = new ConcurrentHashMap<>();
  private final ModelCache cache;
  private final ArchiveUnpacker unpacker;
  private final ProgressListener defaultProgress;
  private volatile boolean closed;

  /** Storage with the given providers and no progress reports for {@link #fetch(String)}. */
  public ModelStorage(StorageConfig config, List<StorageProvider> providers) {
    this(config, providers, ProgressListener.NONE);
  }

  /**
   * Storage with the given providers; two providers claiming one scheme is an error.
   *
   * @param defaultProgress receives the progress of every {@link #fetch(String)}, such as the
   *     fetches of a control plane that knows nothing of the terminal it runs in
   */
  public ModelStorage(
      StorageConfig config, List<StorageProvider> providers, ProgressListener defaultProgress) {
    this.config = requireNonNull(config, "config");
    this.defaultProgress = requireNonNull(defaultProgress, "defaultProgress");
    Map<String, StorageProvider> byScheme = new TreeMap<>();
    for (StorageProvider provider : providers) {
      for (String scheme : provider.schemes()) {
        StorageProvider previous = byScheme.putIfAbsent(scheme, provider);
        if (previous != null) {
          throw new IllegalArgumentException(
              "scheme '"
                  + scheme
                  + "' is claimed by both "
                  + previous.getClass().getName()
                  + " and "
                  + provider.getClass().getName());
        }
      }
    }
    this.providersByScheme = byScheme;
    this.cache = new ModelCache(config.cacheDir());
    this.unpacker = new ArchiveUnpacker(config.maxUnpackedBytes());
  }

  /** Storage with every provider on the class path ({@link ServiceLoader}). */
  public static ModelStorage create(StorageConfig config) {
    return create(config, ProgressListener.NONE);
  }

  /**
   * Storage with every provider on the class path, reporting the progress of every {@link
   * #fetch(String)} to {@code defaultProgress}.
   */
  public static ModelStorage create(StorageConfig config, ProgressListener defaultProgress) {
    return new ModelStorage(
        config,
        ServiceLoader.load(StorageProvider.class, ModelStorage.class.getClassLoader()).stream()
            .map(ServiceLoader.Provider::get)
            .toList(),
        defaultProgress);
  }

  /** The schemes that {@link #fetch} accepts. */
  public Set<String> schemes() {
    return providersByScheme.keySet();
  }

  /**
   * {@link #fetch(String, ProgressListener)} reporting to the storage's default listener (none
   * unless one was given when the storage was created).
   */
  public Path fetch(String uri) {
    return fetch(uri, defaultProgress);
  }

  /**
   * The local location of the model at {@code uri}: a directory holding the model's files (for a
   * local URI naming a single file, that file), downloading it first when it is not cached.
   *
   * @throws StorageException when the URI is unsupported or malformed, names nothing, cannot be
   *     reached, or holds an unsafe or oversized archive; a failed download leaves no cache entry
   */
  public Path fetch(String uri, ProgressListener progress) {
    requireNonNull(progress, "progress");
    if (closed) {
      throw new IllegalStateException("model storage is closed");
    }
    StorageUri parsed = StorageUri.parse(uri);
    StorageProvider provider = providersByScheme.get(parsed.scheme());
    if (provider == null) {
      throw StorageException.invalid(
          "storage uri '"
              + uri
              + "': scheme '"
              + parsed.scheme()
              + "' is not supported (expected one of "
              + providersByScheme.keySet()
              + ")");
    }
    ModelSource source = sources.computeIfAbsent(provider, p -> p.open(config));
    Optional<Path> local = source.inPlace(parsed);
    if (local.isPresent()) {
      return local.get();
    }
    return cache.get(parsed.uri(), partial -> fill(source, parsed, partial, progress));
  }

  private Path fill(ModelSource source, StorageUri uri, Path partial, ProgressListener progress)
      throws IOException {
    Path files = Files.createDirectory(partial.resolve("files"));
    try {
      source.download(uri, files, progress);
    } catch (IOException e) {
      throw StorageException.unavailable("storage uri '" + uri + "': download failed: " + e, e);
    }
    List<Path> downloaded;
    try (Stream<Path> listing = Files.list(files)) {
      downloaded = listing.toList();
    }
    if (downloaded.size() == 1 && Files.isRegularFile(downloaded.get(0))) {
      Path single = downloaded.get(0);
      Optional<ArchiveUnpacker.Kind> kind = ArchiveUnpacker.kindOf(single.getFileName().toString());
      if (kind.isPresent()) {
        Path unpacked = Files.createDirectory(partial.resolve("unpacked"));
        unpacker.unpack(single, kind.get(), unpacked);
        return unpacked;
      }
    }
    return files;
  }

  /** Closes the clients of every store used. */
  @Override
  public void close() {
    closed = true;
    sources.values().forEach(ModelSource::close);
    sources.clear();
  }
}
