package dev.kserve4j.storage;

/**
 * Receives download progress, one file at a time, so a command line can draw a progress bar.
 *
 * <p>Called on the downloading thread; implementations must be quick and thread-safe when one
 * listener is shared by concurrent fetches. For each file the first call has {@code bytesDone ==
 * 0} and the last has {@code bytesDone} equal to the file's full size.
 */
@FunctionalInterface
public interface ProgressListener {

  /** A listener that ignores every report. */
  ProgressListener NONE = (file, bytesDone, bytesTotal) -> {};

  /**
   * Reports progress on one file.
   *
   * @param file the file's path relative to the model directory, with {@code /} separators
   * @param bytesDone bytes received so far
   * @param bytesTotal the file's size in bytes, or {@code -1} when the server did not say
   */
  void progress(String file, long bytesDone, long bytesTotal);
}
