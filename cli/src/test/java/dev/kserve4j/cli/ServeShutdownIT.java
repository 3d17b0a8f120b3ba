package dev.kserve4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SIGTERM to {@code kserve4j serve} while a request runs that never ends: the process exits within
 * its drain timeout plus a few seconds, naming on stderr what it gave up on; and the drain timeout
 * of {@code serve} and {@code up} refused when negative.
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

  @ParameterizedTest
  @ValueSource(strings = {"serve --model-dir . --drain-timeout -1", "up -f . --drain-timeout -1"})
  void aNegativeDrainTimeoutIsRefusedNamingTheFlag(String commandLine) {
    Kserve4jProcess p = Kserve4jProcess.run(commandLine.split(" "));

    assertThat(p.exitCode()).as(p.output()).isEqualTo(2);
    assertThat(p.stderr()).contains("--drain-timeout: -1 (expected: >= 0 seconds)");
  }
}
