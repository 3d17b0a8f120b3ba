package dev.kserve4j.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;

/**
 * Runs a shutdown action once on SIGTERM or SIGINT, in place of the JVM's default, which would exit
 * at once with status 143/130. The action decides how the process ends: `serve` drains, then lets
 * its command return the exit status.
 */
final class SignalHandlers {
  private SignalHandlers() {}

  static void onTerminate(Runnable action) {
    AtomicBoolean once = new AtomicBoolean();
    for (String name : new String[] {"TERM", "INT"}) {
      Signal.handle(
          new Signal(name),
          sig -> {
            if (once.compareAndSet(false, true)) {
              // Off the signal dispatcher thread, which must not block for the drain.
              Thread.ofPlatform().name("shutdown").start(action);
            }
          });
    }
  }

  /**
   * Waits until the shutdown action has counted {@code stopped} down and returns the status it set;
   * 1 when this thread is interrupted first.
   */
  static int awaitStopped(CountDownLatch stopped, AtomicInteger status) {
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
    return status.get();
  }
}
