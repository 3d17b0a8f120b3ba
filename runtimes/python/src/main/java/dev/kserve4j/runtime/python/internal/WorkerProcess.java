package dev.kserve4j.runtime.python.internal;

import dev.kserve4j.common.KServeException;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Python worker process, serving one request at a time over its stdin/stdout. A reader thread
 * turns stdout into frames; another forwards stderr to the log, keeping the last lines for error
 * messages. A worker that exits, breaks the pipe or exceeds the timeout is marked broken, killed,
 * and must be replaced by its owner.
 */
final class WorkerProcess {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerProcess.class);
  private static final int STDERR_LINES = 8;
  private static final Object EOF = new Object();

  private final WorkerLaunch launch;
  private final int index;
  private final Process process;
  private final OutputStream stdin;
  private final BlockingQueue<Object> frames = new LinkedBlockingQueue<>();
  private final Deque<String> stderrTail = new ArrayDeque<>();
  private final Thread stderrReader;
  private volatile boolean broken;

  private WorkerProcess(WorkerLaunch launch, int index, Process process) {
    this.launch = launch;
    this.index = index;
    this.process = process;
    this.stdin = process.getOutputStream();
    String prefix = "kserve4j-python-" + launch.model() + "-" + index;
    Thread.ofPlatform().daemon().name(prefix + "-out").start(this::readFrames);
    this.stderrReader =
        Thread.ofPlatform().daemon().name(prefix + "-err").start(this::forwardStderr);
  }

  static WorkerProcess start(WorkerLaunch launch, int index) throws IOException {
    return new WorkerProcess(launch, index, launch.processBuilder().start());
  }

  /** Waits for the load result; a worker that dies or stays silent yields a failed result. */
  WorkerReady awaitReady(Duration timeout) {
    Object frame = poll(timeout);
    if (frame instanceof ByteBuffer body) {
      WorkerReady ready = FrameCodec.ready(body);
      if (ready.error() != null) {
        kill();
      }
      return ready;
    }
    kill();
    return WorkerReady.failed(
        frame == null
            ? "the worker did not finish loading within "
                + timeout.toSeconds()
                + " s (option loadTimeoutSeconds)"
            : "the worker exited with code " + exitCode() + " while loading" + stderrSummary());
  }

  /**
   * Sends {@code frame} and waits for the reply body; fails with UNAVAILABLE if the worker breaks.
   */
  ByteBuffer call(byte[] frame, Duration timeout) {
    try {
      stdin.write(frame);
      stdin.flush();
    } catch (IOException e) {
      kill();
      throw KServeException.unavailable(
          describe()
              + " could not take the request: it exited with"
              + " code "
              + exitCode()
              + stderrSummary()
              + "; it is being restarted");
    }
    Object reply = poll(timeout);
    if (reply instanceof ByteBuffer body) {
      return body;
    }
    kill();
    if (reply == null) {
      throw KServeException.unavailable(
          describe()
              + " timed out after "
              + timeout.toSeconds()
              + " s (option timeoutSeconds); it was killed and is being restarted");
    }
    throw KServeException.unavailable(
        describe()
            + " crashed while serving this request (exit code "
            + exitCode()
            + ")"
            + stderrSummary()
            + "; it is being restarted");
  }

  /**
   * Whether the worker answers a ping within {@code timeout}; one that does not is killed. Only for
   * an idle worker: the caller must hold it out of the pool.
   */
  boolean ping(Duration timeout) {
    try {
      stdin.write(FrameCodec.control(FrameCodec.OP_PING));
      stdin.flush();
    } catch (IOException e) {
      kill();
      return false;
    }
    if (poll(timeout) instanceof ByteBuffer) {
      return true;
    }
    kill();
    return false;
  }

  boolean usable() {
    return !broken && process.isAlive();
  }

  long pid() {
    return process.pid();
  }

  /** Asks the worker to exit, then kills it if it has not within {@code grace}. */
  void shutdown(Duration grace) {
    broken = true;
    try {
      stdin.write(FrameCodec.control(FrameCodec.OP_SHUTDOWN));
      stdin.close();
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
      }
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private void kill() {
    broken = true;
    process.destroyForcibly();
  }

  private Object poll(Duration timeout) {
    try {
      return frames.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill();
      throw KServeException.unavailable(describe() + ": interrupted while waiting for the worker");
    }
  }

  private void readFrames() {
    try (DataInputStream in = new DataInputStream(process.getInputStream())) {
      byte[] head = new byte[4];
      while (true) {
        in.readFully(head);
        int size = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN).getInt();
        byte[] body = new byte[size];
        in.readFully(body);
        frames.add(ByteBuffer.wrap(body));
      }
    } catch (EOFException e) {
      frames.add(EOF);
    } catch (IOException e) {
      frames.add(EOF);
    }
  }

  private void forwardStderr() {
    try (BufferedReader err =
        new BufferedReader(
            new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
      for (String line = err.readLine(); line != null; line = err.readLine()) {
        LOG.info("model '{}' worker {}: {}", launch.model(), index, line);
        synchronized (stderrTail) {
          if (stderrTail.size() == STDERR_LINES) {
            stderrTail.removeFirst();
          }
          stderrTail.addLast(line);
        }
      }
    } catch (IOException e) {
      // The process is gone; its last lines are already kept.
    }
  }

  private String exitCode() {
    try {
      return process.waitFor(2, TimeUnit.SECONDS) ? String.valueOf(process.exitValue()) : "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }

  private String stderrSummary() {
    if (!process.isAlive()) {
      try {
        stderrReader.join(1000); // the last lines of a dead worker are still in the pipe
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    synchronized (stderrTail) {
      return stderrTail.isEmpty() ? "" : "; last stderr: " + String.join(" | ", stderrTail);
    }
  }

  private String describe() {
    return "model '"
        + launch.model()
        + "': Python worker "
        + index
        + " (pid "
        + process.pid()
        + ")";
  }
}
