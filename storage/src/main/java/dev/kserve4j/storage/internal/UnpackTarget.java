package dev.kserve4j.storage.internal;

import dev.kserve4j.storage.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The directory one archive is unpacked into, enforcing the safety rules entry by entry: every name
 * stays inside (no {@code ..} escapes, no absolute names), no entry is written through a link that
 * leads outside, links point inside, and the bytes written stay under the limit (counted as
 * written, never trusted from headers, so a zip bomb stops at the limit).
 */
final class UnpackTarget {
  private final Path root;
  private final Path realRoot;
  private final String archiveName;
  private final long maxBytes;
  private final List<Path> symlinks = new ArrayList<>();
  private long written;

  UnpackTarget(Path root, String archiveName, long maxBytes) throws IOException {
    this.root = root.toAbsolutePath().normalize();
    this.realRoot = root.toRealPath();
    this.archiveName = archiveName;
    this.maxBytes = maxBytes;
  }

  String describe(String entry) {
    return "archive '" + archiveName + "' entry '" + entry + "'";
  }

  void directory(String name) throws IOException {
    if (isRootItself(name)) {
      return;
    }
    Path dir = ContainedPath.resolve(root, name, "archive '" + archiveName + "' entry");
    createParents(dir, name);
    if (Files.isSymbolicLink(dir)) {
      throw StorageException.invalid(describe(name) + " is a directory where a link already is");
    }
    Files.createDirectories(dir);
  }

  void file(String name, InputStream content) throws IOException {
    Path file = ContainedPath.resolve(root, name, "archive '" + archiveName + "' entry");
    createParents(file, name);
    try (OutputStream out =
        Files.newOutputStream(
            file,
            StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE,
            LinkOption.NOFOLLOW_LINKS)) {
      copyWithinLimit(content, out, name);
    } catch (FileAlreadyExistsException e) {
      throw StorageException.invalid(describe(name) + " appears twice (expected unique names)");
    }
  }

  void symlink(String name, String linkTarget) throws IOException {
    Path link = ContainedPath.resolve(root, name, "archive '" + archiveName + "' entry");
    if (linkTarget == null
        || linkTarget.isEmpty()
        || linkTarget.startsWith("/")
        || linkTarget.matches("^[A-Za-z]:.*")
        || !link.getParent().resolve(linkTarget).normalize().startsWith(root)) {
      throw StorageException.invalid(
          describe(name)
              + " is a link to '"
              + linkTarget
              + "', outside the model directory (expected links to files inside it)");
    }
    createParents(link, name);
    try {
      Files.createSymbolicLink(link, Path.of(linkTarget));
    } catch (FileAlreadyExistsException e) {
      throw StorageException.invalid(describe(name) + " appears twice (expected unique names)");
    }
    symlinks.add(link);
  }

  /** A tar hard link: its target is named from the archive root and must already be unpacked. */
  void hardLink(String name, String linkTarget) throws IOException {
    Path source;
    try {
      source = ContainedPath.resolve(root, linkTarget, "archive '" + archiveName + "' link target");
    } catch (StorageException e) {
      throw StorageException.invalid(
          describe(name)
              + " is a hard link to '"
              + linkTarget
              + "', outside the model directory (expected links to files inside it)");
    }
    if (!Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
      throw StorageException.invalid(
          describe(name)
              + " is a hard link to '"
              + linkTarget
              + "', which is not a file unpacked before it");
    }
    try (InputStream in = Files.newInputStream(source)) {
      file(name, in);
    }
  }

  /** After the last entry: every symlink must resolve to something inside the directory. */
  void verifyLinks() throws IOException {
    for (Path link : symlinks) {
      String name = root.relativize(link).toString();
      if (!Files.exists(link)) {
        throw StorageException.invalid(
            describe(name)
                + " is a link to '"
                + Files.readSymbolicLink(link)
                + "', which does not exist in the archive");
      }
      if (!link.toRealPath().startsWith(realRoot)) {
        throw StorageException.invalid(
            describe(name)
                + " is a link to '"
                + Files.readSymbolicLink(link)
                + "', outside the model directory");
      }
    }
  }

  private boolean isRootItself(String name) {
    return root.resolve(name.replace('\\', '/')).normalize().equals(root) && !name.startsWith("/");
  }

  /** Creates the parents and checks that, links followed, they are still inside the root. */
  private void createParents(Path path, String name) throws IOException {
    Path parent = path.getParent();
    Files.createDirectories(parent);
    if (!parent.toRealPath().startsWith(realRoot)) {
      throw StorageException.invalid(
          describe(name)
              + " would be written through a link that leads outside the model directory");
    }
  }

  private void copyWithinLimit(InputStream in, OutputStream out, String name) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    int read;
    while ((read = in.read(buffer)) >= 0) {
      written += read;
      if (written > maxBytes) {
        throw StorageException.tooLarge(
            "archive '"
                + archiveName
                + "' expands beyond "
                + maxBytes
                + " bytes at entry '"
                + name
                + "' (limit KSERVE4J_MAX_UNPACKED_BYTES)");
      }
      out.write(buffer, 0, read);
    }
  }
}
