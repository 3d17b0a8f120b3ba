package dev.kserve4j.storage.internal;

import dev.kserve4j.storage.ModelSource;
import dev.kserve4j.storage.ProgressListener;
import dev.kserve4j.storage.StorageConfig;
import dev.kserve4j.storage.StorageException;
import dev.kserve4j.storage.StorageProvider;
import dev.kserve4j.storage.StorageUri;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code http(s)://host/.../file}: one file, named after the URL's last path segment; an archive
 * ({@code .tar}, {@code .tar.gz}, {@code .tgz}, {@code .zip}) is unpacked by the cache. Extra
 * headers come from KServe's {@code <host>-headers} variables ({@link
 * StorageConfig#httpHeaders()}).
 */
public final class HttpStorageProvider implements StorageProvider {

  @Override
  public Set<String> schemes() {
    return Set.of("http", "https");
  }

  @Override
  public ModelSource open(StorageConfig config) {
    return new Source(config.httpHeaders());
  }

  private static final class Source implements ModelSource {
    private final Map<String, Map<String, String>> headersByHost;
    private final HttpFetcher http = new HttpFetcher();

    Source(Map<String, Map<String, String>> headersByHost) {
      this.headersByHost = headersByHost;
    }

    @Override
    public Optional<Path> inPlace(StorageUri uri) {
      return Optional.empty();
    }

    @Override
    public void download(StorageUri uri, Path target, ProgressListener progress)
        throws IOException {
      URI url;
      try {
        url = new URI(uri.uri());
      } catch (URISyntaxException e) {
        throw StorageException.invalid(
            "storage uri '" + uri + "' is not a valid URL: " + e.getMessage());
      }
      String path = url.getPath() == null ? "" : url.getPath();
      String fileName = path.substring(path.lastIndexOf('/') + 1);
      if (url.getHost() == null || fileName.isEmpty()) {
        throw StorageException.invalid(
            "storage uri '" + uri + "' names no file (expected http(s)://host/path/file)");
      }
      Map<String, String> headers =
          headersByHost.getOrDefault(url.getHost().toLowerCase(Locale.ROOT), Map.of());
      http.download(
          uri.uri(),
          url,
          headers,
          ContainedPath.resolve(target, fileName, "storage uri '" + uri + "' file"),
          fileName,
          progress);
    }

    @Override
    public void close() {
      http.close();
    }
  }
}
