package dev.kserve4j.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The text shown for one file download at one moment: a terminal bar, a plain log line, or the
 * closing summary. Sizes are in binary units (1 KiB = 1024 bytes); the rate is the average since
 * the download started, which stays steady where an instantaneous rate would jitter.
 *
 * @param file the file's name relative to its model directory
 * @param done bytes received so far
 * @param total the file's size, or {@code -1} when the server did not announce it
 * @param elapsed time since the download started
 */
record DownloadLine(String file, long done, long total, Duration elapsed) {
  private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB", "PiB"};
  private static final int BAR_WIDTH = 20;

  /** Longer names are cut from the left, keeping the file name, so the bar fits one line. */
  private static final int NAME_WIDTH = 32;

  /** One terminal line: name, percent, bar, sizes, rate, ETA, and how many other downloads run. */
  String bar(int others) {
    StringBuilder line = new StringBuilder(shortName()).append(' ');
    if (total > 0) {
      int filled = (int) (BAR_WIDTH * Math.min(done, total) / total);
      line.append(String.format(Locale.ROOT, "%3d%% ", percent()))
          .append('[')
          .append("=".repeat(filled))
          .append(" ".repeat(BAR_WIDTH - filled))
          .append("] ")
          .append(bytes(done))
          .append(" / ")
          .append(bytes(total));
    } else {
      line.append(bytes(done));
    }
    line.append("  ").append(rate());
    eta().ifPresent(eta -> line.append("  ETA ").append(eta));
    if (others > 0) {
      line.append("  (+").append(others).append(" more)");
    }
    return line.toString();
  }

  /** One line for a log: what has arrived of which file, how fast, and how long is left. */
  String plain() {
    String sizes =
        total >= 0
            ? percent() + "% (" + bytes(done) + " of " + bytes(total) + ")"
            : bytes(done) + " of unknown size";
    return "downloading "
        + file
        + ": "
        + sizes
        + ", "
        + rate()
        + eta().map(eta -> ", ETA " + eta).orElse("");
  }

  /** The line that closes a download, successful or not. */
  String summary(boolean succeeded) {
    if (succeeded) {
      return "downloaded "
          + file
          + ": "
          + bytes(done)
          + " in "
          + duration(elapsed)
          + " ("
          + rate()
          + ")";
    }
    return "download of "
        + file
        + " failed after "
        + bytes(done)
        + (total >= 0 ? " of " + bytes(total) : "")
        + " in "
        + duration(elapsed);
  }

  /** {@code bytes} in the largest binary unit that keeps the number at least 1, e.g. "1.5 MiB". */
  static String bytes(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < UNITS.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
  }

  /** A coarse duration for people: "45s", "3m07s", "2h05m". */
  static String duration(Duration duration) {
    long seconds = Math.max(0, duration.toSeconds());
    if (seconds < 60) {
      return seconds + "s";
    }
    if (seconds < 3600) {
      return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
    }
    return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60);
  }

  private int percent() {
    return total <= 0 ? 100 : (int) (100 * Math.min(done, total) / total);
  }

  private long bytesPerSecond() {
    long millis = elapsed.toMillis();
    return millis <= 0 ? 0 : done * 1000 / millis;
  }

  private String rate() {
    return bytes(bytesPerSecond()) + "/s";
  }

  /** Time left at the average rate; empty while the size or the rate is unknown. */
  private Optional<String> eta() {
    long rate = bytesPerSecond();
    if (total < 0 || rate <= 0 || done >= total) {
      return Optional.empty();
    }
    return Optional.of(duration(Duration.ofSeconds((total - done + rate - 1) / rate)));
  }

  private String shortName() {
    return file.length() <= NAME_WIDTH
        ? file
        : "..." + file.substring(file.length() - NAME_WIDTH + 3);
  }
}
