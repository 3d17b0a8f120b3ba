package dev.kserve4j.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The loop for any kind: retries a failed reconcile and counts results by kind. */
class ReconcileLoopTest {
  @Test
  void aFailedReconcileIsRetriedAndEachResultCounted() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    AtomicInteger calls = new AtomicInteger();
    List<String> seen = new CopyOnWriteArrayList<>();
    CountDownLatch done = new CountDownLatch(1);
    try (ReconcileLoop loop = new ReconcileLoop("InferenceGraph", (ns, name) -> {
      seen.add(ns + "/" + name);
      if (calls.incrementAndGet() == 1) {
        throw new IllegalStateException("API server busy");
      }
      done.countDown();
    }, Duration.ofMillis(50), registry)) {
      loop.enqueue("ns", "graph");

      assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(seen).containsExactly("ns/graph", "ns/graph");
      assertThat(registry.get("controller.runtime.reconcile").tags("controller", "inferencegraph", "result", "error")
          .counter().count()).isEqualTo(1);
      awaitCount(registry, "success", 1);
      assertThat(registry.get("controller.runtime.reconcile.time").tag("kind", "InferenceGraph").timer().count())
          .isEqualTo(2);
    }
  }

  private static void awaitCount(SimpleMeterRegistry registry, String result, double expected) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      if (registry.get("controller.runtime.reconcile").tags("kind", "InferenceGraph", "result", result)
          .counter().count() == expected
          && registry.get("controller.runtime.reconcile.time").tag("kind", "InferenceGraph").timer().count() == 2) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError(result + " count did not reach " + expected);
  }
}
