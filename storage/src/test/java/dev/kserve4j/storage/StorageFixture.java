package dev.kserve4j.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Builds a {@link ModelStorage} with a fresh cache directory and the given environment. */
final class StorageFixture {
  private StorageFixture() {}

  static ModelStorage storage(Path cache, Map<String, String> env) {
    Map<String, String> all = new HashMap<>(env);
    all.put("KSERVE4J_MODEL_CACHE", cache.toString());
    return ModelStorage.create(StorageConfig.fromEnvironment(all));
  }

  /** The cache's entries and partial downloads (the lock directory excluded). */
  static List<String> cacheContents(Path cache) throws IOException {
    if (!Files.exists(cache)) {
      return List.of();
    }
    try (Stream<Path> listing = Files.list(cache)) {
      return listing
          .map(p -> p.getFileName().toString())
          .filter(name -> !name.equals(".locks"))
          .sorted()
          .toList();
    }
  }

  /** Every regular file under {@code dir}, as relative paths with {@code /}. */
  static List<String> files(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile)
          .map(p -> dir.relativize(p).toString().replace('\\', '/'))
          .sorted()
          .toList();
    }
  }
}
