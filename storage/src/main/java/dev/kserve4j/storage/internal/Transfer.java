package dev.kserve4j.storage.internal;

import dev.kserve4j.storage.ProgressListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

/**
 * Copies one downloaded stream into a new file, reporting progress and checking that the whole body
 * arrived. Every store that downloads (http, s3, gs, hf) goes through here, so each reports
 * progress the same way ({@link ProgressListener}'s contract).
 */
public final class Transfer {
  /**
   * Reports are timed, not counted per buffer: a fast link would otherwise report thousands per
   * second.
   */
  private static final long REPORT_INTERVAL_NANOS =
      TimeUnit.MILLISECONDS.toNanos(ProgressListener.REPORT_INTERVAL_MILLIS);

  private Transfer() {}

  /**
   * Writes {@code in} to {@code file} (which must not exist, parents are created).
   *
   * @param name the file's relative name for progress reports
   * @param expectedBytes the announced size, or {@code -1} when unknown
   * @return the number of bytes written
   * @throws IOException when the stream breaks off or ends before {@code expectedBytes}
   */
  public static long toFile(
      InputStream in, Path file, String name, long expectedBytes, ProgressListener progress)
      throws IOException {
    Files.createDirectories(file.getParent());
    byte[] buffer = new byte[64 * 1024];
    long done = 0;
    boolean complete = false;
    progress.progress(name, 0, expectedBytes);
    try {
      long lastReport = System.nanoTime();
      try (OutputStream out =
          Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        int read;
        while ((read = in.read(buffer)) >= 0) {
          out.write(buffer, 0, read);
          done += read;
          long now = System.nanoTime();
          if (now - lastReport >= REPORT_INTERVAL_NANOS) {
            progress.progress(name, done, expectedBytes);
            lastReport = now;
          }
        }
      }
      if (expectedBytes >= 0 && done != expectedBytes) {
        throw new IOException(
            "file '" + name + "': received " + done + " of " + expectedBytes + " bytes");
      }
      progress.progress(name, done, done);
      complete = true;
      return done;
    } finally {
      progress.finished(name, done, complete);
    }
  }
}
