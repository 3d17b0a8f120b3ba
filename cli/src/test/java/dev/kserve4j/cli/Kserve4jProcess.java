package dev.kserve4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real {@code kserve4j} command in a child JVM, run from this module's classes and the test
 * class path, with its standard output and error collected line by line.
 */
final class Kserve4jProcess implements AutoCloseable {
  private static final Pattern REST_URL = Pattern.compile("REST (http://[0-9.]+:[0-9]+)");

  private final Process process;
  private final List<String> out = new ArrayList<>();
  private final List<String> err = new ArrayList<>();
  private final Thread outReader;
  private final Thread errReader;

  private Kserve4jProcess(Process process) {
    this.process = process;
    this.outReader =
        Thread.ofPlatform().daemon().start(() -> collect(process.getInputStream(), out));
    this.errReader =
        Thread.ofPlatform().daemon().start(() -> collect(process.getErrorStream(), err));
  }

  /** Starts {@code kserve4j args...}; the caller waits for what it expects. */
  static Kserve4jProcess start(String... args) {
    return start(java.util.Map.of(), args);
  }

  /** Starts {@code kserve4j args...} with {@code env} added to this JVM's environment. */
  static Kserve4jProcess start(java.util.Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // The flags of the ./kserve4j launcher that change behaviour, minus its start-up tuning.
    command.add("--enable-native-access=ALL-UNNAMED");
    if (Runtime.version().feature() >= 24) {
      command.add("--sun-misc-unsafe-memory-access=allow");
    }
    command.add("-XX:+UseSerialGC");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Kserve4jCommand.class.getName());
    command.addAll(List.of(args));
    try {
      ProcessBuilder builder = new ProcessBuilder(command);
      builder.environment().putAll(env);
      return new Kserve4jProcess(builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
  }

  /** Runs {@code kserve4j args...} to its end (at most 60 s) and returns the exit status. */
  static Kserve4jProcess run(String... args) {
    Kserve4jProcess p = start(args);
    p.awaitExit(Duration.ofSeconds(60));
    return p;
  }

  private static void collect(InputStream in, List<String> lines) {
    try (var reader =
        new java.io.BufferedReader(new java.io.InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line; (line = reader.readLine()) != null; ) {
        synchronized (lines) {
          lines.add(line);
          lines.notifyAll();
        }
      }
    } catch (IOException e) {
      // The child was killed while we read: what was read so far is what it printed.
    }
  }

  /**
   * Waits for a standard-output line matching {@code wanted}; fails with the output on timeout or
   * exit.
   */
  String awaitLine(Predicate<String> wanted, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (out) {
      int seen = 0;
      while (true) {
        for (; seen < out.size(); seen++) {
          if (wanted.test(out.get(seen))) {
            return out.get(seen);
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0 || (!process.isAlive() && !outReader.isAlive())) {
          throw new AssertionError(
              "kserve4j did not print the expected line within "
                  + timeout
                  + (process.isAlive() ? "" : " (it exited with " + process.exitValue() + ")")
                  + "\nstdout:\n"
                  + String.join("\n", out)
                  + "\nstderr:\n"
                  + stderr());
        }
        try {
          out.wait(Math.max(1, Math.min(100, TimeUnit.NANOSECONDS.toMillis(left))));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted", e);
        }
      }
    }
  }

  /**
   * Waits for the "ready" line and returns the REST base URL it names, e.g. http://127.0.0.1:1234.
   */
  String awaitReady() {
    String line = awaitLine(l -> l.contains("kserve4j ready"), Duration.ofSeconds(90));
    Matcher m = REST_URL.matcher(line);
    if (!m.find()) {
      throw new AssertionError("the ready line names no REST URL: " + line);
    }
    return m.group(1);
  }

  /** Waits for the process to end; fails (killing it) if it outlives {@code timeout}. */
  int awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(
            "kserve4j still running after " + timeout + "\nstdout:\n" + stdout());
      }
      outReader.join(5_000);
      errReader.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
    return process.exitValue();
  }

  int exitCode() {
    return process.exitValue();
  }

  /**
   * Sends SIGTERM. {@link Process#destroy()} sends the same signal on Linux but also closes our
   * ends of the child's pipes, which would lose what it prints while it drains; the process handle
   * only signals.
   */
  void terminate() {
    process.toHandle().destroy();
  }

  Optional<String> line(Predicate<String> wanted) {
    synchronized (out) {
      return out.stream().filter(wanted).findFirst();
    }
  }

  List<String> stdoutLines() {
    synchronized (out) {
      return List.copyOf(out);
    }
  }

  String stdout() {
    return String.join("\n", stdoutLines());
  }

  String stderr() {
    synchronized (err) {
      return String.join("\n", err);
    }
  }

  /** Both streams, for assertions on a message whichever stream it went to. */
  String output() {
    return stdout() + "\n" + stderr();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }
}
