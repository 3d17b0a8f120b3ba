package dev.kserve4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ShutdownSequenceTest {
  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
  private final AtomicInteger halted = new AtomicInteger(-1);

  /** Blocks the steps that never end; released after each test by nobody: they are daemons. */
  private final CountDownLatch never = new CountDownLatch(1);

  private ShutdownSequence sequence(Duration deadline) {
    return new ShutdownSequence(deadline, err, System::nanoTime, halted::set);
  }

  private String err() {
    return errBytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void stepsThatFinishRunInOrderAndPrintNothing() {
    List<String> ran = new CopyOnWriteArrayList<>();
    int status =
        sequence(Duration.ofSeconds(10))
            .then("first", () -> ran.add("first"))
            .then("second", Duration.ofSeconds(1), () -> ran.add("second"))
            .run();

    assertThat(status).isZero();
    assertThat(ran).containsExactly("first", "second");
    assertThat(err()).isEmpty();
  }

  @Test
  void aStuckStepIsLeftAfterItsLimitAndTheNextStepsStillRun() {
    List<String> ran = new CopyOnWriteArrayList<>();
    long start = System.nanoTime();
    int status =
        sequence(Duration.ofSeconds(10))
            .then("releasing the Lease", Duration.ofMillis(200), never::await)
            .then("closing the client", () -> ran.add("closed"))
            .run();

    assertThat(status).isEqualTo(1);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(ran).containsExactly("closed");
    assertThat(err())
        .startsWith("kserve4j: shutdown: gave up after ")
        .contains("waiting for: releasing the Lease (still running after 0.2 s)")
        .doesNotContain("closing the client");
    assertThat(err().lines()).hasSize(1);
  }

  @Test
  void aFailedStepIsNamedWithItsReason() {
    int status =
        sequence(Duration.ofSeconds(10))
            .then(
                "releasing the Lease",
                () -> {
                  throw new IllegalStateException("API server http://127.0.0.1:1 unreachable");
                })
            .run();

    assertThat(status).isEqualTo(1);
    assertThat(err())
        .contains(
            "waiting for: releasing the Lease (failed: API server"
                + " http://127.0.0.1:1 unreachable)");
  }

  @Test
  void theDeadlineBoundsEveryStepAndStepsAfterItAreNotStarted() {
    List<String> ran = new CopyOnWriteArrayList<>();
    long start = System.nanoTime();
    int status =
        sequence(Duration.ofMillis(300))
            .then("draining requests", never::await)
            .then("unloading models", () -> ran.add("unloaded"))
            .run();

    assertThat(status).isEqualTo(1);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(ran).isEmpty();
    assertThat(err())
        .contains(
            "draining requests (still running after 0.3 s)",
            "unloading models (not started: the deadline had passed)");
  }

  @Test
  void theWatchdogHaltsWithOneWhenTheProcessOutlivesTheDeadline() {
    sequence(Duration.ZERO).run();

    await("the watchdog to halt with status 1")
        .atMost(ShutdownSequence.HALT_GRACE.plusSeconds(30))
        .until(() -> halted.get() == 1);
    assertThat(err())
        .contains(
            "kserve4j: shutdown: gave up after 2.0 s waiting for the JVM to" + " exit: halting");
  }

  @Test
  void aNegativeDeadlineIsRefused() {
    assertThatThrownBy(() -> sequence(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("deadline: PT-1S (expected: >= 0)");
  }
}
