package dev.kserve4j.storage.internal;

import dev.kserve4j.storage.DirectoryTrees;
import dev.kserve4j.storage.StorageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * Downloaded models on disk, one directory per storage URI.
 *
 * <p>An entry directory exists only once complete: a download fills {@code .partial-<key>-*} next
 * to it and is renamed into place atomically, so a crash never leaves a half model that looks
 * complete. Concurrent fetches of one URI in this process share one download; across processes a
 * lock file serialises them, and the holder deletes partial directories that an earlier, crashed
 * process left.
 */
public final class ModelCache {
  private static final String PARTIAL_PREFIX = ".partial-";

  private final Path root;
  private final ConcurrentHashMap<String, CompletableFuture<Path>> inFlight =
      new ConcurrentHashMap<>();

  public ModelCache(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** Fills an empty directory with a model; returns the directory (or a subdirectory) to keep. */
  @FunctionalInterface
  public interface Filler {
    Path fill(Path partial) throws IOException;
  }

  /** The entry for {@code uri}, downloading it with {@code filler} when it is not complete yet. */
  public Path get(String uri, Filler filler) {
    String key = keyOf(uri);
    Path entry = root.resolve(key);
    if (Files.isDirectory(entry)) {
      return entry;
    }
    CompletableFuture<Path> mine = new CompletableFuture<>();
    CompletableFuture<Path> running = inFlight.putIfAbsent(key, mine);
    if (running != null) {
      return await(running);
    }
    try {
      Path result = fillLocked(key, entry, filler);
      mine.complete(result);
      return result;
    } catch (RuntimeException | Error e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      inFlight.remove(key, mine);
    }
  }

  private Path fillLocked(String key, Path entry, Filler filler) {
    try {
      Path locks = Files.createDirectories(root.resolve(".locks"));
      try (FileChannel channel =
              FileChannel.open(
                  locks.resolve(key + ".lock"),
                  StandardOpenOption.CREATE,
                  StandardOpenOption.WRITE);
          FileLock lock = channel.lock()) {
        if (Files.isDirectory(entry)) {
          return entry;
        }
        deleteStalePartials(key);
        Path partial = Files.createTempDirectory(root, PARTIAL_PREFIX + key + "-");
        try {
          Path complete = filler.fill(partial);
          Files.move(complete, entry, StandardCopyOption.ATOMIC_MOVE);
          return entry;
        } finally {
          DirectoryTrees.delete(partial);
        }
      }
    } catch (IOException e) {
      throw StorageException.unavailable("model cache " + root + ": " + e, e);
    }
  }

  private void deleteStalePartials(String key) throws IOException {
    try (DirectoryStream<Path> stale =
        Files.newDirectoryStream(root, PARTIAL_PREFIX + key + "-*")) {
      for (Path partial : stale) {
        DirectoryTrees.delete(partial);
      }
    }
  }

  private static Path await(CompletableFuture<Path> running) {
    try {
      return running.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw StorageException.unavailable("interrupted while waiting for a download", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new UncheckedIOException(new IOException(e.getCause()));
    }
  }

  /**
   * The entry name for a URI: a readable tail (scheme and last path segment) and a SHA-256 prefix
   * of the full URI, revision included, so distinct URIs never share an entry.
   */
  static String keyOf(String uri) {
    String trimmed = uri.replaceAll("/+$", "");
    String tail =
        trimmed.substring(trimmed.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "_");
    String scheme = uri.contains("://") ? uri.substring(0, uri.indexOf("://")) : "file";
    String readable = (scheme + "-" + tail).toLowerCase(Locale.ROOT);
    if (readable.length() > 48) {
      readable = readable.substring(0, 48);
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(uri.getBytes(StandardCharsets.UTF_8));
      return readable.replaceAll("^\\.+", "_") + "-" + HexFormat.of().formatHex(digest, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }
}
