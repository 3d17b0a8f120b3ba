package dev.kserve4j.cli;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.storage.ProgressListener;
import java.io.Console;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Shows model downloads on a stream (stderr in {@code kserve4j up}), as a one-line bar on a
 * terminal and as occasional plain lines in logs.
 *
 * <p>Downloads that end within {@link #QUIET} print nothing, so cached or small models stay silent.
 * On a terminal one line is rewritten with carriage returns; while several files download at once
 * it keeps following the file it showed first and counts the others ("+1 more"), and when that file
 * ends it prints a summary line and the bar moves to the file reported most recently. Elsewhere
 * (CI, a pipe, a log file) each running file gets its own line at most every {@link #PLAIN_EVERY},
 * and one summary line when it ends. All output is written under one lock, so concurrent downloads
 * never split a line.
 */
public final class DownloadProgress implements ProgressListener {
  static final Duration QUIET = Duration.ofSeconds(1);
  static final Duration PLAIN_EVERY = Duration.ofSeconds(5);
  static final Duration REDRAW_EVERY = Duration.ofMillis(200);

  private final PrintStream out;
  private final boolean terminal;
  private final Clock clock;

  /** Running downloads in order of their latest report. Guarded by {@code this}. */
  private final Map<Key, Download> running = new LinkedHashMap<>();

  private Download shown;
  private int drawnWidth;
  private Instant lastDraw = Instant.MIN;

  /** Reports to {@code out}; {@code terminal} selects the redrawn bar over plain lines. */
  DownloadProgress(PrintStream out, boolean terminal, Clock clock) {
    this.out = requireNonNull(out, "out");
    this.terminal = terminal;
    this.clock = requireNonNull(clock, "clock");
  }

  /** Reports to stderr, with a bar when the process runs in an interactive terminal. */
  public static DownloadProgress toStderr() {
    return new DownloadProgress(System.err, interactive(), Clock.systemUTC());
  }

  /**
   * Whether a person is watching. From JDK 22 {@code System.console()} exists even when output is
   * redirected and {@code Console.isTerminal()} tells (looked up reflectively: the code targets
   * Java 21); on JDK 21 a console exists only when stdin and stdout are a terminal. Neither looks
   * at stderr itself, so {@code 2>file} with a terminal stdout still gets the bar.
   */
  static boolean interactive() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (NoSuchMethodException e) {
      return true;
    } catch (ReflectiveOperationException e) {
      return false;
    }
  }

  @Override
  public synchronized void progress(String file, long bytesDone, long bytesTotal) {
    Instant now = clock.instant();
    Key key = new Key(Thread.currentThread().threadId(), file);
    Download download = running.remove(key);
    if (download == null) {
      download = new Download(file, now);
    }
    running.put(key, download);
    download.done = bytesDone;
    download.total = bytesTotal;
    if (Duration.between(download.started, now).compareTo(QUIET) < 0) {
      return;
    }
    if (terminal) {
      if (shown == null) {
        shown = download;
      }
      if (Duration.between(lastDraw, now).compareTo(REDRAW_EVERY) >= 0) {
        draw(now);
      }
    } else if (Duration.between(download.lastPrinted, now).compareTo(PLAIN_EVERY) >= 0) {
      out.println(download.line(now).plain());
      download.lastPrinted = now;
    }
  }

  @Override
  public synchronized void finished(String file, long bytesDone, boolean succeeded) {
    Download download = running.remove(new Key(Thread.currentThread().threadId(), file));
    Instant now = clock.instant();
    if (download == null || Duration.between(download.started, now).compareTo(QUIET) < 0) {
      return;
    }
    download.done = bytesDone;
    String summary = download.line(now).summary(succeeded);
    if (!terminal) {
      out.println(summary);
      return;
    }
    out.print("\r" + padded(summary) + "\n");
    drawnWidth = 0;
    if (shown == download) {
      shown =
          running.values().stream()
              .filter(d -> Duration.between(d.started, now).compareTo(QUIET) >= 0)
              .reduce((first, second) -> second)
              .orElse(null);
    }
    if (shown != null) {
      draw(now);
    }
    out.flush();
  }

  private void draw(Instant now) {
    String bar = shown.line(now).bar(running.size() - 1);
    out.print("\r" + padded(bar));
    out.flush();
    drawnWidth = bar.length();
    lastDraw = now;
  }

  /** {@code text} with trailing spaces that blank out the rest of a longer line drawn before. */
  private String padded(String text) {
    return text + " ".repeat(Math.max(0, drawnWidth - text.length()));
  }

  /** One file's download: a thread downloads one file at a time (ProgressListener's contract). */
  private record Key(long threadId, String file) {}

  private static final class Download {
    final String file;
    final Instant started;
    Instant lastPrinted;
    long done;
    long total;

    Download(String file, Instant started) {
      this.file = file;
      this.started = started;
      this.lastPrinted = started;
    }

    DownloadLine line(Instant now) {
      return new DownloadLine(file, done, total, Duration.between(started, now));
    }
  }
}
