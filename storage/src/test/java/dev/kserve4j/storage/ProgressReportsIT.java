package dev.kserve4j.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Progress reports of a real download from a real HTTP server that sends its body slowly. */
class ProgressReportsIT {
  private static final int SIZE = 3 * 1024 * 1024 + 123;
  private static final int CHUNK = 32 * 1024;
  private static final long PAUSE_MILLIS = 8;

  @TempDir Path cache;
  private final byte[] model = new byte[SIZE];
  private final TestingProgressListener progress = new TestingProgressListener();
  private TestingHttpServer server;
  private ModelStorage storage;

  @BeforeEach
  void start() throws IOException {
    new Random(7).nextBytes(model);
    server = new TestingHttpServer();
    Map<String, String> env = new HashMap<>();
    env.put("KSERVE4J_MODEL_CACHE", cache.toString());
    storage = ModelStorage.create(StorageConfig.fromEnvironment(env), progress);
  }

  @AfterEach
  void stop() {
    storage.close();
    server.close();
  }

  @Test
  void slowDownloadReportsGrowingProgressAtTimedIntervalsThenFinishes() {
    server.route("/m/weights.bin", exchange -> slowly(exchange, SIZE, SIZE));

    long started = System.nanoTime();
    storage.fetch(server.uri("/m/weights.bin").toString());
    long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

    List<TestingProgressListener.Report> reports = progress.reports();
    assertThat(reports)
        .allSatisfy(
            r -> {
              assertThat(r.file()).isEqualTo("weights.bin");
              assertThat(r.total()).isEqualTo(SIZE);
            });
    assertThat(reports.getFirst().done()).isZero();
    assertThat(reports.getLast().done()).isEqualTo(SIZE);
    assertThat(reports).extracting(TestingProgressListener.Report::done).isSorted();
    List<Long> between =
        reports.stream()
            .map(TestingProgressListener.Report::done)
            .filter(done -> done > 0 && done < SIZE)
            .toList();
    // About 100 chunks 8 ms apart: a few timed reports; one per chunk would break the bound.
    assertThat(between).hasSizeGreaterThanOrEqualTo(3).doesNotHaveDuplicates();
    assertThat(reports.size())
        .isLessThanOrEqualTo((int) (elapsedMillis / ProgressListener.REPORT_INTERVAL_MILLIS) + 3);
    assertThat(progress.ends()).containsExactly("weights.bin " + SIZE + " succeeded");
    assertThat(progress.lastEvent()).isEqualTo("finished weights.bin");
  }

  @Test
  void bodyOfUnknownLengthReportsMinusOneUntilTheLastReport() {
    server.route("/chunked.bin", exchange -> slowly(exchange, 0, SIZE));

    storage.fetch(server.uri("/chunked.bin").toString());

    List<TestingProgressListener.Report> reports = progress.reports();
    assertThat(reports.subList(0, reports.size() - 1))
        .hasSizeGreaterThanOrEqualTo(3)
        .allSatisfy(r -> assertThat(r.total()).isEqualTo(-1));
    assertThat(reports.getLast())
        .isEqualTo(new TestingProgressListener.Report("chunked.bin", SIZE, SIZE));
    assertThat(progress.ends()).containsExactly("chunked.bin " + SIZE + " succeeded");
  }

  @Test
  void bodyCutShortFinishesAsFailedWithTheBytesReceived() {
    server.route(
        "/cut.bin",
        exchange -> {
          exchange.sendResponseHeaders(200, SIZE);
          OutputStream out = exchange.getResponseBody();
          out.write(model, 0, SIZE / 2);
          out.flush();
          throw new IOException("simulated connection drop");
        });

    assertThatThrownBy(() -> storage.fetch(server.uri("/cut.bin").toString()))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("download failed");

    assertThat(progress.ends())
        .singleElement()
        .asString()
        .startsWith("cut.bin ")
        .endsWith(" failed");
    assertThat(progress.reports()).noneMatch(r -> r.done() == SIZE);
    assertThat(progress.lastEvent()).isEqualTo("finished cut.bin");
  }

  @Test
  void explicitListenerReplacesTheDefaultOne() {
    server.route("/m/a.bin", TestingHttpServer.bytes("application/octet-stream", new byte[10]));
    TestingProgressListener explicit = new TestingProgressListener();

    storage.fetch(server.uri("/m/a.bin").toString(), explicit);

    assertThat(explicit.ends()).containsExactly("a.bin 10 succeeded");
    assertThat(progress.reports()).isEmpty();
  }

  /** Sends {@code size} bytes of the model in small chunks with pauses; length 0 is chunked. */
  private void slowly(HttpExchange exchange, long length, int size) throws IOException {
    exchange.sendResponseHeaders(200, length);
    try (OutputStream out = exchange.getResponseBody()) {
      for (int offset = 0; offset < size; offset += CHUNK) {
        out.write(model, offset, Math.min(CHUNK, size - offset));
        out.flush();
        try {
          Thread.sleep(PAUSE_MILLIS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while sending", e);
        }
      }
    }
  }

  /** Records every call, in order, from any thread. */
  static final class TestingProgressListener implements ProgressListener {
    record Report(String file, long done, long total) {}

    private final List<Report> reports = new CopyOnWriteArrayList<>();
    private final List<String> ends = new CopyOnWriteArrayList<>();
    private final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void progress(String file, long bytesDone, long bytesTotal) {
      reports.add(new Report(file, bytesDone, bytesTotal));
      events.add("progress " + file);
    }

    @Override
    public void finished(String file, long bytesDone, boolean succeeded) {
      ends.add(file + " " + bytesDone + (succeeded ? " succeeded" : " failed"));
      events.add("finished " + file);
    }

    List<Report> reports() {
      return reports;
    }

    List<String> ends() {
      return ends;
    }

    String lastEvent() {
      return events.getLast();
    }
  }
}
