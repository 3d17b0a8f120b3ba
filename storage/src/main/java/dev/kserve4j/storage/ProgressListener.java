package dev.kserve4j.storage;

/**
 * Receives download progress, one file at a time, so a command line can draw a progress bar.
 *
 * <p>Called on the thread that downloads the file: every call for one file comes from that one
 * thread, and one thread downloads one file at a time. Implementations must be quick and
 * thread-safe when one listener is shared by concurrent fetches. For each file the first call has
 * {@code bytesDone == 0}, later calls come at most every {@value #REPORT_INTERVAL_MILLIS} ms with
 * growing {@code bytesDone}, and after a complete download a last call has {@code bytesDone ==
 * bytesTotal}, the file's full size; then {@link #finished} is called once, whether the file
 * arrived or not.
 */
@FunctionalInterface
public interface ProgressListener {

  /** Least time between two progress calls for one file, except the first and the last. */
  long REPORT_INTERVAL_MILLIS = 100;

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

  /**
   * Reports that the transfer of one file ended, so a progress bar can end its line. Called once
   * per file that had a {@link #progress} call; does nothing unless overridden.
   *
   * @param file the file's path relative to the model directory, as in {@link #progress}
   * @param bytesDone bytes received in all
   * @param succeeded {@code true} when the whole file arrived, {@code false} when the transfer
   *     broke off, was cut short or was cancelled
   */
  default void finished(String file, long bytesDone, boolean succeeded) {}
}
