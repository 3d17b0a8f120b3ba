package dev.kserve4j.storage.internal;

import dev.kserve4j.storage.StorageException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Unpacks {@code .tar}, {@code .tar.gz}, {@code .tgz} and {@code .zip} model archives, the formats
 * KServe's storage initializer unpacks, refusing anything that could write outside the target
 * directory or fill the disk (see {@link UnpackTarget}).
 */
public final class ArchiveUnpacker {
  private final long maxUnpackedBytes;

  /**
   * @param maxUnpackedBytes the most bytes one archive may expand to
   */
  public ArchiveUnpacker(long maxUnpackedBytes) {
    this.maxUnpackedBytes = maxUnpackedBytes;
  }

  /** The archive kinds, by file name; KServe also decides by name (its mimetype guess). */
  public enum Kind {
    TAR,
    TAR_GZ,
    ZIP
  }

  /** The archive kind of a file name, or empty when it is not an archive. */
  public static Optional<Kind> kindOf(String fileName) {
    String name = fileName.toLowerCase(Locale.ROOT);
    if (name.endsWith(".tar.gz") || name.endsWith(".tgz")) {
      return Optional.of(Kind.TAR_GZ);
    }
    if (name.endsWith(".tar")) {
      return Optional.of(Kind.TAR);
    }
    if (name.endsWith(".zip")) {
      return Optional.of(Kind.ZIP);
    }
    return Optional.empty();
  }

  /**
   * Unpacks {@code archive} into {@code target}, an empty directory. On failure {@code target} may
   * hold some entries; the caller discards it.
   *
   * @throws StorageException naming the entry that is unsafe, or the size limit when exceeded
   */
  public void unpack(Path archive, Kind kind, Path target) throws IOException {
    String archiveName = archive.getFileName().toString();
    UnpackTarget out = new UnpackTarget(target, archiveName, maxUnpackedBytes);
    try {
      switch (kind) {
        case TAR -> unpackTar(Files.newInputStream(archive), out);
        case TAR_GZ ->
            unpackTar(
                new GzipCompressorInputStream(
                    new BufferedInputStream(Files.newInputStream(archive)), true),
                out);
        case ZIP -> unpackZip(archive, out);
      }
    } catch (IOException | IllegalArgumentException e) {
      throw StorageException.invalid(
          "archive '"
              + archiveName
              + "' could not be unpacked as "
              + kind.name().toLowerCase(Locale.ROOT).replace('_', '.')
              + ": "
              + e.getMessage());
    }
    out.verifyLinks();
  }

  private static void unpackTar(InputStream raw, UnpackTarget out) throws IOException {
    try (TarArchiveInputStream tar = new TarArchiveInputStream(raw)) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        String name = entry.getName();
        if (entry.isDirectory()) {
          out.directory(name);
        } else if (entry.isSymbolicLink()) {
          out.symlink(name, entry.getLinkName());
        } else if (entry.isLink()) {
          out.hardLink(name, entry.getLinkName());
        } else if (entry.isFile()) {
          out.file(name, tar);
        } else if (!entry.isGlobalPaxHeader() && !entry.isPaxHeader()) {
          throw StorageException.invalid(
              out.describe(name)
                  + " is a device, fifo or other special file (expected files, directories and"
                  + " links)");
        }
      }
    }
  }

  private static void unpackZip(Path archive, UnpackTarget out) throws IOException {
    try (ZipFile zip = ZipFile.builder().setPath(archive).get()) {
      Enumeration<ZipArchiveEntry> entries = zip.getEntries();
      while (entries.hasMoreElements()) {
        ZipArchiveEntry entry = entries.nextElement();
        if (entry.isDirectory()) {
          out.directory(entry.getName());
        } else if (entry.isUnixSymlink()) {
          out.symlink(entry.getName(), zip.getUnixSymlink(entry));
        } else {
          try (InputStream in = zip.getInputStream(entry)) {
            out.file(entry.getName(), in);
          }
        }
      }
    }
  }
}
