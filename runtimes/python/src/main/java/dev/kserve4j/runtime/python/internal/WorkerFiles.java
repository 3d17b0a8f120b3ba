package dev.kserve4j.runtime.python.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The worker's Python sources, copied from the class path into a private directory for the
 * interpreter to run; the directory is removed by {@link #close()}.
 */
public final class WorkerFiles implements AutoCloseable {
  private static final String BASE = "/dev/kserve4j/runtime/python/worker/";
  private static final List<String> FILES =
      List.of(
          "kserve4j_worker.py",
          "kserve4j_frames.py",
          "kserve4j_sklearn.py",
          "kserve4j_custom.py",
          "kserve4j_probe.py",
          "kserve4j_json.py",
          "kserve4j_rest.py",
          "shim/kserve/__init__.py",
          "shim/kserve/errors.py",
          "shim/kserve/logging.py",
          "shim/kserve/model.py",
          "shim/kserve/model_server.py",
          "shim/kserve/protocol/__init__.py",
          "shim/kserve/protocol/infer_type.py",
          "shim/fastapi/__init__.py",
          "shim/fastapi/exceptions.py",
          "shim/fastapi/status.py");

  private final Path root;

  private WorkerFiles(Path root) {
    this.root = root;
  }

  /** Copies the sources into a new temporary directory. */
  public static WorkerFiles extract() {
    try {
      Path root = Files.createTempDirectory("kserve4j-python-");
      for (String file : FILES) {
        Path target = root.resolve(file);
        Files.createDirectories(target.getParent());
        try (InputStream in = WorkerFiles.class.getResourceAsStream(BASE + file)) {
          if (in == null) {
            throw new IllegalStateException("class-path resource " + BASE + file + " is missing");
          }
          Files.copy(in, target);
        }
      }
      return new WorkerFiles(root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the Python worker files: " + e.getMessage(), e);
    }
  }

  public Path worker() {
    return root.resolve("kserve4j_worker.py");
  }

  public Path probe() {
    return root.resolve("kserve4j_probe.py");
  }

  /** The directory holding the stand-in {@code kserve} and {@code fastapi} packages. */
  public Path shim() {
    return root.resolve("shim");
  }

  @Override
  public void close() {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // Left-over files in the temporary directory are harmless; the OS cleans it eventually.
    }
  }
}
