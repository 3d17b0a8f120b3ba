package dev.kserve4j.storage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.UnixStat;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Builds tar, tar.gz and zip archives in memory, including hostile ones, with Commons Compress. */
final class TestArchives {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final OutputStream compressed;
  private final TarArchiveOutputStream tar;
  private final ZipArchiveOutputStream zip;

  private TestArchives(boolean gzip, boolean isZip) throws IOException {
    compressed = gzip ? new GzipCompressorOutputStream(bytes) : bytes;
    tar = isZip ? null : new TarArchiveOutputStream(compressed);
    if (tar != null) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    }
    zip = isZip ? new ZipArchiveOutputStream(bytes) : null;
  }

  static TestArchives tarGz() throws IOException {
    return new TestArchives(true, false);
  }

  static TestArchives tar() throws IOException {
    return new TestArchives(false, false);
  }

  static TestArchives zip() throws IOException {
    return new TestArchives(false, true);
  }

  TestArchives file(String name, String content) throws IOException {
    return file(name, content.getBytes(StandardCharsets.UTF_8));
  }

  /** A regular file; the name is stored exactly as given (absolute and {@code ..} included). */
  TestArchives file(String name, byte[] content) throws IOException {
    if (tar != null) {
      TarArchiveEntry entry = new TarArchiveEntry(name, true);
      entry.setSize(content.length);
      tar.putArchiveEntry(entry);
      tar.write(content);
      tar.closeArchiveEntry();
    } else {
      zip.putArchiveEntry(new ZipArchiveEntry(name));
      zip.write(content);
      zip.closeArchiveEntry();
    }
    return this;
  }

  TestArchives directory(String name) throws IOException {
    if (tar != null) {
      tar.putArchiveEntry(new TarArchiveEntry(name.endsWith("/") ? name : name + "/", true));
      tar.closeArchiveEntry();
    } else {
      zip.putArchiveEntry(new ZipArchiveEntry(name.endsWith("/") ? name : name + "/"));
      zip.closeArchiveEntry();
    }
    return this;
  }

  TestArchives symlink(String name, String target) throws IOException {
    if (tar != null) {
      TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
      entry.setLinkName(target);
      tar.putArchiveEntry(entry);
      tar.closeArchiveEntry();
    } else {
      ZipArchiveEntry entry = new ZipArchiveEntry(name);
      entry.setUnixMode(UnixStat.LINK_FLAG | 0777);
      zip.putArchiveEntry(entry);
      zip.write(target.getBytes(StandardCharsets.UTF_8));
      zip.closeArchiveEntry();
    }
    return this;
  }

  TestArchives hardLink(String name, String target) throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_LINK, true);
    entry.setLinkName(target);
    tar.putArchiveEntry(entry);
    tar.closeArchiveEntry();
    return this;
  }

  byte[] build() throws IOException {
    if (tar != null) {
      tar.finish();
      tar.close();
    } else {
      zip.finish();
      zip.close();
    }
    return bytes.toByteArray();
  }
}
