package dev.kserve4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DownloadProgressTest {
  private static final long MIB = 1024 * 1024;

  private final FakeClock clock = new FakeClock();
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  /** Two downloading threads: the listener tells downloads apart by thread and file name. */
  private final ExecutorService threadA = Executors.newSingleThreadExecutor();

  private final ExecutorService threadB = Executors.newSingleThreadExecutor();

  @AfterEach
  void stopThreads() {
    threadA.shutdownNow();
    threadB.shutdownNow();
  }

  @Test
  void downloadsShorterThanASecondPrintNothingInEitherMode() {
    for (boolean terminal : new boolean[] {false, true}) {
      DownloadProgress progress = new DownloadProgress(out, terminal, clock);
      progress.progress("small.onnx", 0, 3 * MIB);
      clock.advance(Duration.ofMillis(600));
      progress.progress("small.onnx", 2 * MIB, 3 * MIB);
      clock.advance(Duration.ofMillis(300));
      progress.progress("small.onnx", 3 * MIB, 3 * MIB);
      progress.finished("small.onnx", 3 * MIB, true);
    }

    assertThat(output()).isEmpty();
  }

  @Test
  void plainModePrintsALineEveryFiveSecondsAndASummary() {
    DownloadProgress progress = new DownloadProgress(out, false, clock);

    for (int second = 0; second <= 12; second++) {
      progress.progress("model.onnx", Math.min(second * 8 * MIB, 96 * MIB), 96 * MIB);
      clock.advance(Duration.ofSeconds(1));
    }
    progress.finished("model.onnx", 96 * MIB, true);

    assertThat(lines())
        .containsExactly(
            "downloading model.onnx: 41% (40.0 MiB of 96.0 MiB), 8.0 MiB/s, ETA 7s",
            "downloading model.onnx: 83% (80.0 MiB of 96.0 MiB), 8.0 MiB/s, ETA 2s",
            "downloaded model.onnx: 96.0 MiB in 13s (7.4 MiB/s)");
  }

  @Test
  void plainModeGivesEachConcurrentDownloadItsOwnLinesEvenWithTheSameFileName() throws Exception {
    DownloadProgress progress = new DownloadProgress(out, false, clock);

    for (int second = 0; second <= 6; second++) {
      long done = second * MIB;
      on(threadA, () -> progress.progress("model.onnx", done, 10 * MIB));
      on(threadB, () -> progress.progress("model.onnx", 2 * done, -1));
      clock.advance(Duration.ofSeconds(1));
    }
    on(threadA, () -> progress.finished("model.onnx", 6 * MIB, false));
    on(threadB, () -> progress.progress("model.onnx", 14 * MIB, 14 * MIB));
    on(threadB, () -> progress.finished("model.onnx", 14 * MIB, true));

    assertThat(lines())
        .containsExactly(
            "downloading model.onnx: 50% (5.0 MiB of 10.0 MiB), 1.0 MiB/s, ETA 5s",
            "downloading model.onnx: 10.0 MiB of unknown size, 2.0 MiB/s",
            "download of model.onnx failed after 6.0 MiB of 10.0 MiB in 7s",
            "downloaded model.onnx: 14.0 MiB in 7s (2.0 MiB/s)");
  }

  @Test
  void terminalModeRedrawsOneLineFollowingTheFirstFileAndThenTheNext() throws Exception {
    DownloadProgress progress = new DownloadProgress(out, true, clock);

    on(threadA, () -> progress.progress("a.onnx", 0, 10 * MIB));
    on(threadB, () -> progress.progress("b-with-a-longer-name.bin", 0, 40 * MIB));
    clock.advance(Duration.ofSeconds(2));
    on(threadA, () -> progress.progress("a.onnx", 4 * MIB, 10 * MIB));
    clock.advance(Duration.ofMillis(100));
    // Within the redraw interval: remembered, not drawn.
    on(threadB, () -> progress.progress("b-with-a-longer-name.bin", 2 * MIB, 40 * MIB));
    clock.advance(Duration.ofMillis(100));
    on(threadB, () -> progress.progress("b-with-a-longer-name.bin", 8 * MIB, 40 * MIB));
    on(threadA, () -> progress.progress("a.onnx", 10 * MIB, 10 * MIB));
    on(threadA, () -> progress.finished("a.onnx", 10 * MIB, true));

    String bar1 =
        "a.onnx  40% [========            ] 4.0 MiB / 10.0 MiB  2.0 MiB/s  ETA 3s  (+1 more)";
    String bar2 =
        "a.onnx  40% [========            ] 4.0 MiB / 10.0 MiB  1.8 MiB/s  ETA 4s  (+1 more)";
    String done = "downloaded a.onnx: 10.0 MiB in 2s (4.5 MiB/s)";
    String bar3 =
        "b-with-a-longer-name.bin  20% [====                ] 8.0 MiB / 40.0 MiB  3.6 MiB/s  ETA"
            + " 9s";
    assertThat(output())
        .isEqualTo(
            "\r"
                + bar1
                + "\r"
                + bar2
                + "\r"
                + done
                + " ".repeat(bar2.length() - done.length())
                + "\n"
                + "\r"
                + bar3);
  }

  @Test
  void terminalModeCountsOnlyTheDownloadsStillRunning() {
    DownloadProgress progress = new DownloadProgress(out, true, clock);

    progress.progress("x.bin", 0, -1);
    progress.progress("y.bin", 0, -1);
    clock.advance(Duration.ofSeconds(1));
    progress.progress("x.bin", MIB, -1);
    progress.progress("y.bin", MIB, MIB);
    progress.finished("y.bin", MIB, true);
    clock.advance(Duration.ofSeconds(1));
    progress.progress("x.bin", 2 * MIB, -1);

    List<String> frames = Arrays.asList(output().split("[\r\n]"));
    assertThat(frames)
        .containsExactly(
            "",
            "x.bin 1.0 MiB  1.0 MiB/s  (+1 more)",
            "downloaded y.bin: 1.0 MiB in 1s (1.0 MiB/s)",
            "",
            "x.bin 1.0 MiB  1.0 MiB/s",
            "x.bin 2.0 MiB  1.0 MiB/s");
  }

  private static void on(ExecutorService thread, Runnable step) throws Exception {
    thread.submit(step).get(30, TimeUnit.SECONDS);
  }

  private String output() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private List<String> lines() {
    return output().lines().toList();
  }

  /** A clock that moves only when told. */
  private static final class FakeClock extends Clock {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
