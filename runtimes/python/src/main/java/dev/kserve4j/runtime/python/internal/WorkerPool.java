package dev.kserve4j.runtime.python.internal;

import dev.kserve4j.common.KServeException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fixed number of workers for one model. A request takes an idle worker (waiting up to the
 * timeout), so each worker serves one request at a time; a worker that breaks is replaced in the
 * background, retrying with exponential backoff (0.5 s doubling to 30 s) while loading fails. Idle
 * workers are pinged every health-check interval, so one that died or stopped answering while
 * nobody called it is replaced before a request finds it.
 */
public final class WorkerPool implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);
  private static final Duration GRACE = Duration.ofSeconds(5);
  private static final long MAX_BACKOFF_MS = 30_000;
  private static final Duration PING_TIMEOUT = Duration.ofSeconds(5);

  private final WorkerLaunch launch;
  private final int size;
  private final Duration timeout;
  private final Duration loadTimeout;
  private final Duration healthCheck;
  private final BlockingQueue<WorkerProcess> idle = new LinkedBlockingQueue<>();
  private final List<WorkerProcess> all = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService restarter;
  private volatile boolean closed;
  private int restarts; // touched only on the restarter thread

  public WorkerPool(
      WorkerLaunch launch, int size, Duration timeout, Duration loadTimeout, Duration healthCheck) {
    this.launch = launch;
    this.size = size;
    this.timeout = timeout;
    this.loadTimeout = loadTimeout;
    this.healthCheck = healthCheck;
    this.restarter =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform()
                .daemon()
                .name("kserve4j-python-" + launch.model() + "-restart")
                .factory());
  }

  /** Starts every worker and waits for each to load; returns the first worker's load result. */
  public WorkerReady start() {
    List<WorkerProcess> started = new ArrayList<>();
    try {
      for (int i = 0; i < size; i++) {
        started.add(WorkerProcess.start(launch, i));
      }
    } catch (IOException e) {
      started.forEach(w -> w.shutdown(Duration.ZERO));
      return WorkerReady.failed("cannot start " + launch.python() + ": " + e.getMessage());
    }
    WorkerReady first = null;
    for (WorkerProcess w : started) {
      WorkerReady ready = w.awaitReady(loadTimeout);
      first = first == null || ready.error() != null ? ready : first;
    }
    if (first.error() != null) {
      started.forEach(w -> w.shutdown(Duration.ZERO));
      return first;
    }
    all.addAll(started);
    idle.addAll(started);
    restarter.scheduleWithFixedDelay(
        this::checkIdleWorkers,
        healthCheck.toMillis(),
        healthCheck.toMillis(),
        TimeUnit.MILLISECONDS);
    return first;
  }

  /** Pings each idle worker once; replaces those that are gone or do not answer. */
  private void checkIdleWorkers() {
    List<WorkerProcess> checking = new ArrayList<>();
    idle.drainTo(checking);
    for (WorkerProcess worker : checking) {
      if (closed) {
        return;
      }
      if (worker.usable() && worker.ping(PING_TIMEOUT)) {
        idle.add(worker);
      } else {
        LOG.warn(
            "model '{}': Python worker (pid {}) failed its health check; replacing it",
            launch.model(),
            worker.pid());
        replace(worker, 0);
      }
    }
  }

  /**
   * Runs one request on an idle worker and returns the reply body ({@link FrameCodec} reads it);
   * fails with UNAVAILABLE when no worker can serve it.
   */
  public ByteBuffer call(byte[] frame) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (closed) {
        throw KServeException.unavailable("model '" + launch.model() + "' is unloaded");
      }
      WorkerProcess worker;
      try {
        worker = idle.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw KServeException.unavailable(
            "model '" + launch.model() + "': interrupted while" + " waiting for a Python worker");
      }
      if (worker == null) {
        throw KServeException.unavailable(
            "model '"
                + launch.model()
                + "': no Python worker became"
                + " free within "
                + timeout.toSeconds()
                + " s ("
                + size
                + " workers, option workers)");
      }
      if (!worker.usable()) {
        replace(worker, 0);
        continue;
      }
      try {
        ByteBuffer reply = worker.call(frame, timeout);
        idle.add(worker);
        return reply;
      } catch (KServeException e) {
        replace(worker, 0);
        throw e;
      }
    }
  }

  /** The process ids of the workers currently serving, for diagnostics. */
  public List<Long> pids() {
    return all.stream().filter(WorkerProcess::usable).map(WorkerProcess::pid).toList();
  }

  private void replace(WorkerProcess broken, long delayMs) {
    if (all.remove(broken)) {
      broken.shutdown(Duration.ZERO);
      restart(broken, delayMs);
    }
  }

  private void restart(WorkerProcess old, long delayMs) {
    if (closed) {
      return;
    }
    restarter.schedule(
        () -> {
          if (closed) {
            return;
          }
          int index = nextIndex();
          String error;
          try {
            WorkerProcess fresh = WorkerProcess.start(launch, index);
            WorkerReady ready = fresh.awaitReady(loadTimeout);
            if (ready.error() == null) {
              all.add(fresh);
              idle.add(fresh);
              if (closed) {
                fresh.shutdown(GRACE);
              }
              return;
            }
            error = ready.error();
          } catch (IOException e) {
            error = e.getMessage();
          }
          long next = Math.min(MAX_BACKOFF_MS, Math.max(500, delayMs * 2));
          LOG.warn(
              "model '{}': restarting a Python worker failed ({}); retrying in {} ms",
              launch.model(),
              error,
              next);
          restart(old, next);
        },
        delayMs,
        TimeUnit.MILLISECONDS);
  }

  private int nextIndex() {
    return size + restarts++;
  }

  @Override
  public void close() {
    closed = true;
    restarter.shutdownNow();
    for (WorkerProcess w : all) {
      w.shutdown(GRACE);
    }
    all.clear();
    idle.clear();
  }
}
