package dev.kserve4j.storage.internal;

import dev.kserve4j.storage.StorageException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Resolves names that come from a remote store or an archive (object keys, file lists, entry names)
 * against a local directory, refusing any that would land outside it: absolute names, drive letters
 * and {@code ..} segments that climb above the directory.
 */
public final class ContainedPath {
  private ContainedPath() {}

  /**
   * The path of {@code name} under {@code root}.
   *
   * @param what how to name the source in an error, e.g. {@code "archive 'm.zip' entry"}
   * @throws StorageException naming {@code name} when it is empty, absolute or escapes {@code root}
   */
  public static Path resolve(Path root, String name, String what) {
    String normalized = name.replace('\\', '/');
    if (normalized.isEmpty() || normalized.startsWith("/") || normalized.matches("^[A-Za-z]:.*")) {
      throw StorageException.invalid(
          what
              + " '"
              + name
              + "' is an absolute or empty path (expected a path relative to the model directory)");
    }
    Path base = root.toAbsolutePath().normalize();
    Path resolved;
    try {
      resolved = base.resolve(normalized).normalize();
    } catch (InvalidPathException e) {
      throw StorageException.invalid(
          what + " '" + name + "' is not a valid file name: " + e.getReason());
    }
    if (!resolved.startsWith(base) || resolved.equals(base)) {
      throw StorageException.invalid(
          what
              + " '"
              + name
              + "' would be written outside the model directory (expected a path inside it)");
    }
    return resolved;
  }
}
