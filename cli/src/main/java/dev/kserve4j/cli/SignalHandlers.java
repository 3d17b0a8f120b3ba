package dev.kserve4j.cli;

import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;

/**
 * Runs a shutdown action on SIGTERM and SIGINT, then exits 0: a stop asked for by the operator is
 * a clean exit, unlike the JVM's default status 143/130.
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
              Thread.ofPlatform().name("shutdown").start(() -> {
                try {
                  action.run();
                } finally {
                  Runtime.getRuntime().halt(0);
                }
              });
            }
          });
    }
  }
}
