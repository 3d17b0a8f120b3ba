package dev.kserve4j.cli;

import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;

/**
 * Runs a shutdown action on SIGTERM and SIGINT, then exits 0: a stop asked for by the operator is
 * a clean exit, unlike the JVM's default status 143/130. If the action fails, the failure is
 * printed and the exit status is 1, so a drain that went wrong is not reported as clean.
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
              // Not a daemon (signal threads are): once the HTTP server's threads end, the JVM
              // would otherwise exit before the models are unloaded and the status is chosen.
              Thread.ofPlatform().daemon(false).name("shutdown").start(() -> {
                int status = 1;
                try {
                  action.run();
                  status = 0;
                } catch (Throwable t) {
                  System.err.println("kserve4j: shutdown failed: " + t);
                  t.printStackTrace();
                } finally {
                  System.out.flush();
                  System.err.flush();
                  Runtime.getRuntime().halt(status);
                }
              });
            }
          });
    }
  }
}
