package dev.kserve4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SIGTERM to {@code kserve4j serve} while a request runs: one that ends is answered and the process
 * exits 0; one that never ends is given up after the drain timeout plus a few seconds, naming on
 * stderr what it gave up on; and the drain timeout of {@code serve} and {@code up} is refused when
 * negative.
 */
class ServeShutdownIT {
  private static final long DRAIN_SECONDS = 2;

  /** The drain timeout, the few seconds of unloading after it, and the JVM's exit, with margin. */
  private static final Duration EXIT_BOUND = Duration.ofSeconds(DRAIN_SECONDS + 8);

  private static final String TEST_CLASSES =
      Path.of(
              TestingHangingModel.class
                  .getProtectionDomain()
                  .getCodeSource()
                  .getLocation()
                  .getPath())
          .toString();

  @Test
  void aRequestThatNeverEndsIsGivenUpAfterTheDrainTimeout() {
    try (Kserve4jProcess p =
            Kserve4jProcess.start(
                "serve",
                "--model-class",
                TestingHangingModel.class.getName(),
                "--classpath",
                TEST_CLASSES,
                "--model-name",
                "hang",
                "--http-port",
                "0",
                "--grpc-port",
                "-1",
                "--drain-timeout",
                String.valueOf(DRAIN_SECONDS));
        HttpClient http = HttpClient.newHttpClient()) {
      String base = p.awaitReady();
      http.sendAsync(
          HttpRequest.newBuilder(URI.create(base + "/v2/models/hang/infer"))
              .POST(
                  HttpRequest.BodyPublishers.ofString(
                      "{\"inputs\":[{\"name\":\"x\",\"shape\":[1],\"datatype\":\"FP32\",\"data\":[1]}]}"))
              .build(),
          HttpResponse.BodyHandlers.ofString());
      p.awaitLine(l -> l.contains(TestingHangingModel.CALL_STARTED), Duration.ofSeconds(30));

      long signalled = System.nanoTime();
      p.terminate();

      assertThat(p.awaitExit(EXIT_BOUND)).as(p.output()).isEqualTo(1);
      String gaveUp = p.stderr().lines().filter(l -> l.contains("gave up")).findFirst().orElse("");
      System.out.printf(
          "exited %d ms after SIGTERM; %s%n", (System.nanoTime() - signalled) / 1_000_000, gaveUp);
      assertThat(gaveUp)
          .as(p.output())
          .startsWith("kserve4j: shutdown: gave up after ")
          .contains(
              "waiting for: draining requests in flight and unloading models [hang]"
                  + " (still running after ");
    }
  }

  @Test
  void aRequestInFlightAtSigtermIsAnsweredThenTheProcessExitsZero() throws Exception {
    long drainSeconds = 20;
    try (Kserve4jProcess p =
            Kserve4jProcess.start(
                "serve",
                "--model-class",
                TestingSlowModel.class.getName(),
                "--classpath",
                TEST_CLASSES,
                "--model-name",
                "slow",
                "--http-port",
                "0",
                "--grpc-port",
                "-1",
                "--drain-timeout",
                String.valueOf(drainSeconds));
        HttpClient http = HttpClient.newHttpClient()) {
      String base = p.awaitReady();
      CompletableFuture<HttpResponse<String>> inFlight =
          http.sendAsync(
              HttpRequest.newBuilder(URI.create(base + "/v2/models/slow/infer"))
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"inputs\":[{\"name\":\"x\",\"shape\":[1],\"datatype\":\"FP32\","
                              + "\"data\":[1]}]}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      // The model says when the call has begun: the request is in flight, not merely sent.
      p.awaitLine(l -> l.contains(TestingSlowModel.CALL_STARTED), Duration.ofSeconds(30));

      long signalled = System.nanoTime();
      p.terminate();

      p.awaitLine(l -> l.contains("shutting down"), Duration.ofSeconds(30));
      // The line is written as the drain begins; from then on new connections are refused or
      // answered 503 until the process is gone.
      Awaitility.await("new connections refused or answered 503 during the drain")
          .atMost(Duration.ofSeconds(30))
          .until(() -> notServed(base));
      HttpResponse<String> answer = inFlight.get(drainSeconds, TimeUnit.SECONDS);
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      assertThat(answer.body()).contains("\"name\":\"y\"").contains("[42.0]");
      assertThat(p.awaitExit(Duration.ofSeconds(drainSeconds + 10))).as(p.output()).isZero();
      assertThat(Duration.ofNanos(System.nanoTime() - signalled))
          .as("exits once the request is answered, not at the drain timeout")
          .isLessThan(Duration.ofSeconds(drainSeconds));
      assertThat(p.stdout()).contains("stopped");
      assertThat(p.stderr()).doesNotContain("gave up");
      assertThatConnectionIsRefused(base);
    }
  }

  /** Whether a new connection is refused, closed, or answered 503: not served. */
  private static boolean notServed(String base) throws InterruptedException {
    try (HttpClient fresh = HttpClient.newHttpClient()) {
      return fresh.send(health(base), HttpResponse.BodyHandlers.ofString()).statusCode() == 503;
    } catch (IOException refusedOrClosed) {
      return true;
    }
  }

  private static void assertThatConnectionIsRefused(String base) throws InterruptedException {
    try (HttpClient fresh = HttpClient.newHttpClient()) {
      fresh.send(health(base), HttpResponse.BodyHandlers.ofString());
      throw new AssertionError("the stopped server still answered at " + base);
    } catch (ConnectException expected) {
      // Nothing listens on the port any more.
    } catch (IOException e) {
      throw new AssertionError("expected a refused connection at " + base + ", got " + e, e);
    }
  }

  private static HttpRequest health(String base) {
    return HttpRequest.newBuilder(URI.create(base + "/v2/health/live"))
        .timeout(Duration.ofSeconds(10))
        .build();
  }

  @ParameterizedTest
  @ValueSource(strings = {"serve --model-dir . --drain-timeout -1", "up -f . --drain-timeout -1"})
  void aNegativeDrainTimeoutIsRefusedNamingTheFlag(String commandLine) {
    Kserve4jProcess p = Kserve4jProcess.run(commandLine.split(" "));

    assertThat(p.exitCode()).as(p.output()).isEqualTo(2);
    assertThat(p.stderr()).contains("--drain-timeout: -1 (expected: >= 0 seconds)");
  }
}
