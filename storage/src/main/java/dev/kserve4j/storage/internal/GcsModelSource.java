package dev.kserve4j.storage.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kserve4j.storage.ModelSource;
import dev.kserve4j.storage.ProgressListener;
import dev.kserve4j.storage.StorageConfig;
import dev.kserve4j.storage.StorageException;
import dev.kserve4j.storage.StorageUri;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Downloads the objects under a GCS prefix with anonymous requests to the JSON API (<a
 * href="https://cloud.google.com/storage/docs/json_api/v1/objects/list">objects.list</a>, then
 * {@code objects.get?alt=media}), so public buckets and emulators work without the Google SDK and
 * its dependency tree. Buckets that need credentials are not supported.
 */
final class GcsModelSource implements ModelSource {
  private final URI endpoint;
  private final HttpFetcher http = new HttpFetcher();

  GcsModelSource(StorageConfig.Gcs settings) {
    this.endpoint = settings.endpoint();
  }

  @Override
  public Optional<Path> inPlace(StorageUri uri) {
    return Optional.empty();
  }

  @Override
  public void download(StorageUri uri, Path target, ProgressListener progress) throws IOException {
    String bucket = uri.authority();
    if (bucket.isEmpty()) {
      throw StorageException.invalid(
          "storage uri '" + uri + "' names no bucket (expected gs://bucket/prefix)");
    }
    String prefix = uri.path();
    List<ObjectLayout.Placement> placements = ObjectLayout.place(prefix, list(uri, bucket, prefix));
    if (placements.isEmpty()) {
      throw StorageException.notFound(
          "storage uri '"
              + uri
              + "': no objects under prefix '"
              + prefix
              + "' in bucket '"
              + bucket
              + "' (expected the model's files)");
    }
    List<ParallelDownloads.Task> tasks = new ArrayList<>();
    for (ObjectLayout.Placement placement : placements) {
      Path file =
          ContainedPath.resolve(target, placement.fileName(), "storage uri '" + uri + "' object");
      URI media =
          HttpFetcher.join(
              endpoint,
              "/storage/v1/b/"
                  + HttpFetcher.encode(bucket)
                  + "/o/"
                  + HttpFetcher.encode(placement.objectName())
                  + "?alt=media");
      tasks.add(
          () -> http.download(uri.uri(), media, Map.of(), file, placement.fileName(), progress));
    }
    ParallelDownloads.run(tasks, ParallelDownloads.DEFAULT_PARALLELISM);
  }

  private List<ObjectLayout.Listed> list(StorageUri uri, String bucket, String prefix)
      throws IOException {
    List<ObjectLayout.Listed> listed = new ArrayList<>();
    String pageToken = null;
    do {
      URI page =
          HttpFetcher.join(
              endpoint,
              "/storage/v1/b/"
                  + HttpFetcher.encode(bucket)
                  + "/o?prefix="
                  + HttpFetcher.encode(prefix)
                  + (pageToken == null ? "" : "&pageToken=" + HttpFetcher.encode(pageToken)));
      JsonNode body = http.json(uri.uri(), page, Map.of());
      for (JsonNode item : body.path("items")) {
        String name = item.path("name").asText("");
        if (!name.isEmpty()) {
          listed.add(new ObjectLayout.Listed(name, item.path("size").asLong(-1)));
        }
      }
      pageToken = body.hasNonNull("nextPageToken") ? body.get("nextPageToken").asText() : null;
    } while (pageToken != null);
    return listed;
  }

  @Override
  public void close() {
    http.close();
  }
}
