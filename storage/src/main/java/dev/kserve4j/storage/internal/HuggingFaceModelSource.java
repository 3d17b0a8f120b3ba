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
 * Downloads a Hugging Face Hub model repository snapshot: the file list and commit from {@code
 * {endpoint}/api/models/{repo}/revision/{revision}} ({@code siblings[].rfilename}, {@code sha}),
 * then each file from {@code {endpoint}/{repo}/resolve/{commit}/{file}}. Resolving by the commit
 * rather than the branch keeps the files of one snapshot together if the branch moves meanwhile.
 * The revision defaults to {@code main}, as in KServe ({@code hf://owner/model[:revision]}).
 */
final class HuggingFaceModelSource implements ModelSource {
  private final URI endpoint;
  private final Map<String, String> headers;
  private final HttpFetcher http = new HttpFetcher();

  HuggingFaceModelSource(StorageConfig.HuggingFace settings) {
    this.endpoint = settings.endpoint();
    this.headers =
        settings.token().map(t -> Map.of("Authorization", "Bearer " + t)).orElse(Map.of());
  }

  /** A parsed {@code owner/model[:revision]}. */
  record Repo(String id, String revision) {
    static Repo parse(StorageUri uri) {
      String[] parts = uri.rest().split("/", -1);
      if (parts.length != 2
          || parts[0].isEmpty()
          || parts[1].isEmpty()
          || parts[1].startsWith(":")) {
        throw StorageException.invalid(
            "storage uri '"
                + uri
                + "' is not a Hugging Face model (expected hf://owner/model[:revision])");
      }
      int colon = parts[1].indexOf(':');
      String model = colon < 0 ? parts[1] : parts[1].substring(0, colon);
      String revision =
          colon < 0 || colon == parts[1].length() - 1 ? "main" : parts[1].substring(colon + 1);
      return new Repo(parts[0] + "/" + model, revision);
    }
  }

  @Override
  public Optional<Path> inPlace(StorageUri uri) {
    return Optional.empty();
  }

  @Override
  public void download(StorageUri uri, Path target, ProgressListener progress) throws IOException {
    Repo repo = Repo.parse(uri);
    JsonNode info =
        http.json(
            uri.uri(),
            HttpFetcher.join(
                endpoint,
                "/api/models/" + repo.id() + "/revision/" + HttpFetcher.encode(repo.revision())),
            headers);
    String commit = info.hasNonNull("sha") ? info.get("sha").asText() : repo.revision();
    List<ParallelDownloads.Task> tasks = new ArrayList<>();
    for (JsonNode sibling : info.path("siblings")) {
      String file = sibling.path("rfilename").asText("");
      if (file.isEmpty()) {
        continue;
      }
      Path local = ContainedPath.resolve(target, file, "storage uri '" + uri + "' file");
      URI url =
          HttpFetcher.join(
              endpoint,
              "/" + repo.id() + "/resolve/" + HttpFetcher.encode(commit) + "/" + encodePath(file));
      tasks.add(() -> http.download(uri.uri(), url, headers, local, file, progress));
    }
    if (tasks.isEmpty()) {
      throw StorageException.notFound(
          "storage uri '"
              + uri
              + "': repository '"
              + repo.id()
              + "' at revision '"
              + repo.revision()
              + "' lists no files (expected the model's files)");
    }
    ParallelDownloads.run(tasks, ParallelDownloads.DEFAULT_PARALLELISM);
  }

  private static String encodePath(String file) {
    List<String> segments = new ArrayList<>();
    for (String segment : file.split("/")) {
      segments.add(HttpFetcher.encode(segment));
    }
    return String.join("/", segments);
  }

  @Override
  public void close() {
    http.close();
  }
}
