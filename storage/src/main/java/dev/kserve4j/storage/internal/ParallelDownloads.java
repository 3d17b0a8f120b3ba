package dev.kserve4j.storage.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs one model's file downloads a few at a time (KServe's storage initializer downloads four S3
 * objects at once); the first failure cancels the rest and is rethrown.
 */
public final class ParallelDownloads {
  /** Files transferred at once, KServe's {@code S3_MAX_FILE_CONCURRENCY} default. */
  public static final int DEFAULT_PARALLELISM = 4;

  private ParallelDownloads() {}

  /** One file's download. */
  @FunctionalInterface
  public interface Task {
    void run() throws IOException;
  }

  /** Runs every task, at most {@code parallelism} at once, and returns when all succeeded. */
  public static void run(List<Task> tasks, int parallelism) throws IOException {
    if (tasks.size() == 1) {
      tasks.get(0).run();
      return;
    }
    int threads = Math.max(1, Math.min(parallelism, tasks.size()));
    try (ExecutorService pool =
        Executors.newFixedThreadPool(
            threads, Thread.ofVirtual().name("model-download-", 0).factory())) {
      List<Future<?>> futures = new ArrayList<>(tasks.size());
      for (Task task : tasks) {
        futures.add(
            pool.submit(
                () -> {
                  task.run();
                  return null;
                }));
      }
      for (Future<?> future : futures) {
        try {
          future.get();
        } catch (ExecutionException e) {
          pool.shutdownNow();
          throw rethrow(e.getCause());
        } catch (InterruptedException e) {
          pool.shutdownNow();
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted while downloading");
        }
      }
    }
  }

  private static IOException rethrow(Throwable cause) {
    if (cause instanceof IOException io) {
      return io;
    }
    if (cause instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    return new IOException(cause);
  }
}
