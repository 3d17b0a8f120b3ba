package dev.kserve4j.modelmesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MeshInstanceTest {
  private Instant now = Instant.parse("2026-01-01T00:00:00Z");
  private final InstantSource clock = () -> now;
  private final InMemoryRegistry registry = new InMemoryRegistry(clock);
  private final ExecutorService loads = Executors.newSingleThreadExecutor();
  private final List<String> unloaded = new ArrayList<>();
  private final AtomicInteger loadCalls = new AtomicInteger();
  private volatile CountDownLatch gate = new CountDownLatch(0);

  /** Models named "sizeN" take N bytes; "broken" fails to load. */
  private final MeshInstance.Loader<String> loader =
      new MeshInstance.Loader<>() {
        @Override
        public MeshInstance.Loaded<String> load(ModelRecord model) {
          loadCalls.incrementAndGet();
          try {
            gate.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          if (model.id().equals("broken")) {
            throw new IllegalStateException("model file is truncated");
          }
          return new MeshInstance.Loaded<>(model.id() + "@loaded", Long.parseLong(model.path()));
        }

        @Override
        public void unload(String model) {
          synchronized (unloaded) {
            unloaded.add(model);
          }
        }
      };

  private final MeshInstance<String> mesh =
      new MeshInstance<>("i1", registry, 100, loader, loads, clock, Duration.ofMinutes(15));

  @AfterEach
  void stop() {
    loads.shutdownNow();
  }

  private void register(String id, long bytes) {
    registry.register(ModelRecord.of(id, "onnx", Long.toString(bytes), 0));
  }

  private MeshInstance<String>.Lease get(String id) {
    return mesh.acquire(id).orTimeout(10, TimeUnit.SECONDS).join();
  }

  @Test
  void aMissLoadsOnceAHitRunsAtOnceAndTheRegistryKnowsTheCopy() {
    register("a", 40);
    gate = new CountDownLatch(1);
    CompletableFuture<MeshInstance<String>.Lease> first = mesh.acquire("a");
    CompletableFuture<MeshInstance<String>.Lease> second = mesh.acquire("a");
    gate.countDown();
    assertThat(first.orTimeout(10, TimeUnit.SECONDS).join().model()).isEqualTo("a@loaded");
    assertThat(second.orTimeout(10, TimeUnit.SECONDS).join().model()).isEqualTo("a@loaded");
    assertThat(loadCalls).hasValue(1);
    assertThat(mesh.acquire("a")).isCompleted();
    assertThat(mesh.counters().hits()).isEqualTo(1);
    assertThat(mesh.counters().misses()).isEqualTo(2);
    assertThat(registry.model("a").orElseThrow().copies()).containsOnlyKeys("i1");
  }

  @Test
  void theLeastRecentlyUsedIdleModelIsEvictedAndUnloaded() {
    register("a", 40);
    register("b", 40);
    register("c", 40);
    get("a").release();
    MeshInstance<String>.Lease b = get("b"); // b stays in use
    get("c").release(); // 120 > 100: a (idle, least recently used) goes, not b
    assertThat(mesh.loadedModels()).containsExactly("b", "c");
    assertThat(unloaded).containsExactly("a@loaded");
    assertThat(registry.model("a").orElseThrow().copies()).isEmpty();
    assertThat(mesh.counters().evictions()).isEqualTo(1);
    assertThat(mesh.usedBytes()).isEqualTo(80);
    b.release();
  }

  @Test
  void aModelLargerThanTheBudgetIsRefusedNamingTheSizes() {
    register("huge", 150);
    assertThatThrownBy(() -> get("huge"))
        .isInstanceOf(CompletionException.class)
        .hasMessageContaining("takes 150 bytes, more than the whole memory budget of 100 bytes");
    assertThat(unloaded).containsExactly("huge@loaded");
    assertThat(mesh.loadedModels()).isEmpty();
  }

  @Test
  void aFailedLoadIsRecordedAndNotRetriedInAHotLoop() {
    register("broken", 10);
    assertThatThrownBy(() -> get("broken")).hasMessageContaining("model file is truncated");
    assertThat(registry.model("broken").orElseThrow().failedIn()).containsOnlyKeys("i1");
    assertThatThrownBy(() -> get("broken")).hasMessageContaining("it is retried after 900 s");
    assertThat(loadCalls).hasValue(1);
    now = now.plus(Duration.ofMinutes(16));
    assertThatThrownBy(() -> get("broken")).hasMessageContaining("model file is truncated");
    assertThat(loadCalls).hasValue(2);
  }

  @Test
  void anUnregisteredModelIsNotFound() {
    assertThatThrownBy(() -> get("nobody")).hasMessageContaining("'nobody' is not registered");
  }
}
