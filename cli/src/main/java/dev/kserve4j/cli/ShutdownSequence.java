package dev.kserve4j.cli;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;

/**
 * The shutdown of a long-running command: steps run in order, each on its own daemon thread and
 * waited for at most its own limit and never past the sequence's deadline, so that a step stuck on
 * a peer (an API server that went away, a request that never ends) cannot hold the process. A step
 * that fails or runs out of time is left behind and named in one line on standard error, and the
 * command then exits 1.
 *
 * <p>A watchdog, started with the sequence, halts the JVM with status 1 {@link #HALT_GRACE} after
 * the deadline, in case exiting itself blocks (a JVM shutdown hook that never returns).
 */
final class ShutdownSequence {
  /**
   * The seconds a command's shutdown may take after its drain timeout, for what comes after the
   * drain (releasing a Lease, stopping servers, unloading models, closing clients).
   */
  static final long CLEANUP_SECONDS = 3;

  /** How long the JVM's own exit may take after the deadline before the watchdog halts it. */
  static final Duration HALT_GRACE = Duration.ofSeconds(2);

  /** What a step does; it may block, and may throw to say it failed. */
  @FunctionalInterface
  interface Action {
    void run() throws Exception;
  }

  private record Step(String name, Duration limit, Action action) {}

  private final Duration deadline;
  private final PrintStream err;
  private final LongSupplier nanoTime;
  private final IntConsumer halt;
  private final List<Step> steps = new ArrayList<>();

  /**
   * @param deadline the most the whole sequence may take
   * @param err where the line naming what was given up goes
   * @param nanoTime the monotonic clock ({@link System#nanoTime} outside tests)
   * @param halt ends the process at once with a status ({@code Runtime.getRuntime()::halt})
   */
  ShutdownSequence(Duration deadline, PrintStream err, LongSupplier nanoTime, IntConsumer halt) {
    this.deadline = requireNonNull(deadline, "deadline");
    this.err = requireNonNull(err, "err");
    this.nanoTime = requireNonNull(nanoTime, "nanoTime");
    this.halt = requireNonNull(halt, "halt");
    if (deadline.isNegative()) {
      throw new IllegalArgumentException("deadline: " + deadline + " (expected: >= 0)");
    }
  }

  /** The sequence of a running process: the system clock, standard error, a real halt. */
  static ShutdownSequence of(Duration deadline) {
    return new ShutdownSequence(deadline, System.err, System::nanoTime, Runtime.getRuntime()::halt);
  }

  /** Adds a step that may take what is left of the deadline. */
  ShutdownSequence then(String name, Action action) {
    return then(name, deadline, action);
  }

  /**
   * Adds a step.
   *
   * @param name what the step does, as the line naming what was given up should say it
   * @param limit the most this step may take (less when the deadline is nearer)
   */
  ShutdownSequence then(String name, Duration limit, Action action) {
    steps.add(
        new Step(
            requireNonNull(name, "name"),
            requireNonNull(limit, "limit"),
            requireNonNull(action, "action")));
    return this;
  }

  /**
   * Runs the steps; returns 0 when every one finished in time, else 1 after printing {@code
   * kserve4j: shutdown: gave up after S s waiting for: STEP (why), ...}.
   */
  int run() {
    long start = nanoTime.getAsLong();
    long end = start + deadline.toNanos();
    startWatchdog(end + HALT_GRACE.toNanos());
    List<String> givenUp = new ArrayList<>();
    for (Step step : steps) {
      long left = end - nanoTime.getAsLong();
      if (left <= 0) {
        givenUp.add(step.name() + " (not started: the deadline had passed)");
        continue;
      }
      long wait = Math.min(left, step.limit().toNanos());
      runStep(step, wait).ifPresent(why -> givenUp.add(step.name() + " (" + why + ")"));
    }
    if (givenUp.isEmpty()) {
      return 0;
    }
    err.println(
        "kserve4j: shutdown: gave up after "
            + seconds(nanoTime.getAsLong() - start)
            + " waiting for: "
            + String.join(", ", givenUp));
    err.flush();
    return 1;
  }

  /** Runs one step for at most {@code waitNanos}; returns why it did not finish, if it did not. */
  private Optional<String> runStep(Step step, long waitNanos) {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread thread =
        Thread.ofPlatform()
            .daemon()
            .name("shutdown: " + step.name())
            .unstarted(
                () -> {
                  try {
                    step.action().run();
                  } catch (Throwable e) {
                    failure.set(e);
                  }
                });
    thread.start();
    try {
      thread.join(Duration.ofNanos(waitNanos));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted while waiting");
    }
    if (thread.isAlive()) {
      return Optional.of("still running after " + seconds(waitNanos));
    }
    Throwable e = failure.get();
    return e == null ? Optional.empty() : Optional.of("failed: " + describe(e));
  }

  private void startWatchdog(long haltAt) {
    Thread.ofPlatform()
        .daemon()
        .name("shutdown watchdog")
        .start(
            () -> {
              long left;
              while ((left = haltAt - nanoTime.getAsLong()) > 0) {
                try {
                  Thread.sleep(Duration.ofNanos(left));
                } catch (InterruptedException e) {
                  return;
                }
              }
              err.println(
                  "kserve4j: shutdown: gave up after "
                      + seconds(deadline.plus(HALT_GRACE).toNanos())
                      + " waiting for the JVM to exit: halting");
              err.flush();
              halt.accept(1);
            });
  }

  private static String describe(Throwable e) {
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }

  private static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
  }
}
