package dev.kserve4j.testing.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A real loopback HTTP server whose answers change while the load runs. */
class SteadyLoadTest {
  private HttpServer server;
  private final AtomicReference<String> mode = new AtomicReference<>("a");
  private final AtomicInteger calls = new AtomicInteger();

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.createContext(
        "/",
        exchange -> {
          int n = calls.incrementAndGet();
          String m = mode.get();
          int status = 200;
          String body;
          if (m.equals("alternate")) {
            body = n % 2 == 0 ? "a" : "b";
          } else if (m.equals("fail")) {
            status = 503;
            body = "down";
          } else {
            body = m;
          }
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private SteadyLoad load(int threads) {
    URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    return SteadyLoad.start(
        threads,
        () -> HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
        body -> body.equals("?") ? null : body);
  }

  @Test
  void countsEachStepApartByLabelAndFailure() {
    try (SteadyLoad load = load(4)) {
      await().atMost(Duration.ofSeconds(30)).until(() -> load.peek().count("a") >= 200);
      Step first = load.step();
      assertThat(first.failed()).isZero();
      assertThat(first.answers()).containsOnlyKeys("a");
      mode.set("fail");
      await().atMost(Duration.ofSeconds(30)).until(() -> load.peek().failed() >= 50);
      Step failing = load.step();
      assertThat(failing.failures()).containsOnlyKeys("HTTP 503: down");
      assertThat(failing.failures().get("HTTP 503: down")).isEqualTo(failing.failed());
      mode.set("?");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> load.peek().failures().containsKey("unclassified answer: ?"));
      // A request answered 503 just before the change may be counted in the new step.
      assertThat(load.step().failures().keySet())
          .allMatch(f -> f.equals("unclassified answer: ?") || f.equals("HTTP 503: down"));
    }
  }

  @Test
  void anEvenSplitIsWithinBinomialBoundsAndSummarised() {
    mode.set("alternate");
    try (SteadyLoad load = load(8)) {
      await().atMost(Duration.ofSeconds(30)).until(() -> load.peek().answered() >= 2000);
      Step step = load.step();
      assertThat(step.failed()).isZero();
      assertThat(step.shareWithin("a", 0.5, 4)).isTrue();
      assertThat(step.shareWithin("a", 0.9, 4)).isFalse();
      assertThat(step.shareWithin("c", 0, 4)).isTrue();
      assertThat(step.summary()).matches("sent \\d+, failed 0, split \\[a \\d+\\.\\d%, b .*");
    }
  }

  @Test
  void anUnreachableServerCountsEveryRequestAsFailed() {
    server.stop(0);
    try (SteadyLoad load = load(2)) {
      await().atMost(Duration.ofSeconds(30)).until(() -> load.peek().failed() >= 5);
      Step step = load.step();
      assertThat(step.answered()).isZero();
      assertThat(step.failures().keySet()).allMatch(f -> f.contains("ConnectException"));
    }
  }

  @Test
  void aRequestThatCannotBeMadeIsAFailureAndTheThreadsGoOn() {
    try (SteadyLoad load =
        SteadyLoad.start(
            2,
            () ->
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:1/"))
                    .header("Host", "a.example.com")
                    .build(),
            b -> b)) {
      await().atMost(Duration.ofSeconds(30)).until(() -> load.peek().failed() >= 5);
      assertThat(load.step().failures().keySet())
          .containsExactly("IllegalArgumentException: restricted header name: \"Host\"");
    }
  }

  @Test
  void refusesAThreadCountOutOfRange() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> SteadyLoad.start(0, () -> null, b -> b))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("threads: 0 (expected 1..256)");
  }
}
