package dev.kserve4j.cli;

import dev.kserve4j.storage.DirectoryTrees;
import dev.kserve4j.storage.ModelStorage;
import dev.kserve4j.storage.StorageConfig;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code kserve4j storage-initializer SRC_URI DEST_DIR [SRC_URI DEST_DIR ...]}: the init container
 * of a model server pod, as KServe's {@code initializer-entrypoint}. Each model is downloaded into
 * a staging directory inside its DEST_DIR and moved into place only once complete (archives
 * unpacked), so a failure leaves no half-written file.
 */
@Command(
    name = "storage-initializer",
    mixinStandardHelpOptions = true,
    description = {
      "Downloads models into directories, as KServe's storage-initializer init container does:",
      "s3://, gs://, http(s)://, hf:// and local paths (file:// or plain), each into its DEST_DIR",
      "(created when absent); a single .tar, .tar.gz, .tgz or .zip download is unpacked.",
      "Credentials and endpoints come from the variables KServe sets: AWS_ACCESS_KEY_ID,",
      "AWS_SECRET_ACCESS_KEY, AWS_ENDPOINT_URL or S3_ENDPOINT with S3_USE_HTTPS,"
          + " AWS_DEFAULT_REGION,",
      "S3_USER_VIRTUAL_BUCKET, awsAnonymousCredential, STORAGE_EMULATOR_HOST, HF_TOKEN,"
          + " HF_ENDPOINT",
      "and <host>-headers for HTTP. Exits 0 once every model is in place, 1 when one fails."
    })
public final class StorageInitializerCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(StorageInitializerCommand.class);
  private static final String STAGING_PREFIX = ".kserve4j-download-";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(
      arity = "2..*",
      paramLabel = "SRC_URI DEST_DIR",
      description = "Pairs of a storage URI and the directory to download it into.")
  List<String> pairs;

  @Override
  public Integer call() throws IOException {
    if (pairs.size() % 2 != 0) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "expected pairs of SRC_URI DEST_DIR, got "
              + pairs.size()
              + " arguments "
              + pairs
              + " (the last URI has no DEST_DIR)");
    }
    StorageConfig env = StorageConfig.fromEnvironment(System.getenv());
    for (int i = 0; i < pairs.size(); i += 2) {
      initialize(env, pairs.get(i), Path.of(pairs.get(i + 1)).toAbsolutePath().normalize());
    }
    return 0;
  }

  private void initialize(StorageConfig env, String uri, Path dest) throws IOException {
    log.info("downloading {} into {}", uri, dest);
    Files.createDirectories(dest);
    Path staging = Files.createTempDirectory(dest, STAGING_PREFIX);
    StorageConfig config =
        new StorageConfig(
            staging.resolve("cache"),
            env.pvcRoot(),
            env.maxUnpackedBytes(),
            env.s3(),
            env.gcs(),
            env.huggingFace(),
            env.httpHeaders());
    try (ModelStorage storage = ModelStorage.create(config, DownloadProgress.toStderr())) {
      Path fetched = storage.fetch(uri);
      Path ready = fetched.startsWith(staging) ? fetched : copy(fetched, staging.resolve("copy"));
      List<Path> moved = moveInto(ready, dest);
      log.info(
          "downloaded {} into {}: {}",
          uri,
          dest,
          moved.stream().map(p -> p.getFileName().toString()).toList());
    } finally {
      deleteTree(staging);
    }
  }

  /**
   * A local model (used in place by the storage layer) copied into {@code target}, a file into a
   * directory.
   */
  private static Path copy(Path source, Path target) throws IOException {
    Files.createDirectories(target);
    if (Files.isRegularFile(source)) {
      Files.copy(source, target.resolve(source.getFileName().toString()));
      return target;
    }
    try (Stream<Path> walk = Files.walk(source)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        Path to = target.resolve(source.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
      }
    }
    return target;
  }

  /**
   * Moves every entry of {@code ready} into {@code dest}, each in one rename (the same file
   * system).
   */
  private static List<Path> moveInto(Path ready, Path dest) throws IOException {
    List<Path> entries;
    try (Stream<Path> listing = Files.list(ready)) {
      entries = listing.sorted().toList();
    }
    for (Path entry : entries) {
      Path target = dest.resolve(entry.getFileName().toString());
      try {
        Files.move(entry, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
        throw new IllegalStateException(
            "cannot put '"
                + entry.getFileName()
                + "' into "
                + dest
                + ": it already exists there (expected an empty DEST_DIR or one without that"
                + " name)");
      }
    }
    return entries;
  }

  private static void deleteTree(Path root) {
    try {
      DirectoryTrees.delete(root);
    } catch (IOException e) {
      log.warn("could not delete the staging directory {}: {}", root, e.toString());
    }
  }
}
