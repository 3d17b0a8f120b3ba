package dev.kserve4j.runtime.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.kserve4j.common.ErrorKind;
import dev.kserve4j.common.KServeException;
import dev.kserve4j.common.testing.Required;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.runtime.ModelSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Crashing and hanging workers fail only their request and are replaced; workers run in parallel.
 */
class WorkerFailureIT {
  private final PythonRuntimeProvider provider = new PythonRuntimeProvider();

  @BeforeAll
  static void needsPython() {
    Required.that(
        TestPython.canImport(TestPython.SYSTEM_PYTHON, "numpy"),
        TestPython.SYSTEM_PYTHON + " cannot import numpy (install Debian's python3-numpy)");
  }

  private PythonModel load(Map<String, String> options) {
    Map<String, String> all = new java.util.HashMap<>(options);
    all.put("python", TestPython.SYSTEM_PYTHON);
    return provider.load(new ModelSpec("faulty", null, TestPython.customModel("faulty"), all));
  }

  private static InferRequest request(double x) {
    return InferRequest.of("faulty", Tensor.ofDoubles("x", new long[] {1}, new double[] {x}));
  }

  private static long pid(PythonModel model) {
    return model.predict(request(0)).outputs().get(0).longs()[0];
  }

  @Test
  void crashFailsTheRequestAndTheWorkerIsRestarted() {
    try (PythonModel model = load(Map.of())) {
      long before = pid(model);
      assertThatThrownBy(() -> model.predict(request(-1)))
          .isInstanceOfSatisfying(
              KServeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE))
          .hasMessageContaining("model 'faulty': Python worker 0 (pid " + before + ") crashed")
          .hasMessageContaining("exit code 3")
          .hasMessageContaining("exiting on purpose");
      long after = pid(model);
      assertThat(after).isNotEqualTo(before);
      assertThat(model.workerPids()).containsExactly(after);
    }
  }

  @Test
  void anIdleWorkerThatDiesIsReplacedByTheHealthCheckBeforeAnyRequest() {
    try (PythonModel model = load(Map.of("healthCheckSeconds", "1"))) {
      long before = model.workerPids().get(0);
      ProcessHandle.of(before).orElseThrow().destroyForcibly();

      await("a new worker in place of " + before)
          .atMost(Duration.ofSeconds(30))
          .until(() -> !model.workerPids().isEmpty() && !model.workerPids().contains(before));
      assertThat(pid(model)).isEqualTo(model.workerPids().get(0)).isNotEqualTo(before);
    }
  }

  @Test
  void hangIsKilledAfterTheTimeoutAndReplaced() {
    try (PythonModel model = load(Map.of("timeoutSeconds", "2"))) {
      long before = pid(model);
      long start = System.nanoTime();
      assertThatThrownBy(() -> model.predict(request(-2)))
          .isInstanceOfSatisfying(
              KServeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE))
          .hasMessageContaining("timed out after 2 s (option timeoutSeconds)");
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isBetween(Duration.ofMillis(1900), Duration.ofSeconds(5));
      ProcessHandle old = ProcessHandle.of(before).orElse(null);
      await("the hung worker " + before + " killed")
          .atMost(Duration.ofSeconds(30))
          .until(() -> old == null || !old.isAlive());
      assertThat(pid(model)).isNotEqualTo(before);
    }
  }

  /** How long each of two concurrent calls sleeps in its worker. */
  private static final Duration SLEEP = Duration.ofSeconds(3);

  @Test
  void twoWorkersServeConcurrently() {
    try (PythonModel model = load(Map.of("workers", "2"))) {
      assertThat(model.workerPids()).hasSize(2);
      try (ExecutorService clients = Executors.newFixedThreadPool(2)) {
        long start = System.nanoTime();
        List<CompletableFuture<Long>> calls =
            List.of(
                CompletableFuture.supplyAsync(() -> sleepInTheWorker(model), clients),
                CompletableFuture.supplyAsync(() -> sleepInTheWorker(model), clients));
        List<Long> pids =
            calls.stream().map(c -> c.orTimeout(60, TimeUnit.SECONDS).join()).toList();
        // One after the other, the two calls would take at least twice the sleep; the sleep is
        // long enough that side by side they stay well under that on a loaded machine.
        assertThat(Duration.ofNanos(System.nanoTime() - start))
            .isLessThan(SLEEP.multipliedBy(2).minusMillis(100));
        assertThat(pids).doesNotHaveDuplicates();
      }
    }
  }

  private static long sleepInTheWorker(PythonModel model) {
    return model.predict(request(SLEEP.toMillis() / 1000.0)).outputs().get(0).longs()[0];
  }

  @Test
  void closingStopsTheWorkers() {
    PythonModel model = load(Map.of("workers", "2"));
    List<ProcessHandle> workers =
        model.workerPids().stream().map(p -> ProcessHandle.of(p).orElseThrow()).toList();
    model.close();
    await("the workers stopped")
        .atMost(Duration.ofSeconds(30))
        .until(() -> workers.stream().noneMatch(ProcessHandle::isAlive));
    assertThatThrownBy(() -> model.predict(request(0))).hasMessage("model 'faulty' is unloaded");
  }
}
