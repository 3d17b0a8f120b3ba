package dev.kserve4j.server.batching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.Datatype;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.protocol.ModelMetadata;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.protocol.TensorMetadata;
import dev.kserve4j.runtime.Model;
import dev.kserve4j.server.config.BatchingConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DynamicBatcherTest {
  private final ExecutorService executor = Executors.newFixedThreadPool(4);

  /** Doubles each FP32 value and records the rows of each call; rejects the value -1. */
  static final class DoublingModel implements Model {
    final List<Long> callRows = new CopyOnWriteArrayList<>();
    volatile CountDownLatch gate = new CountDownLatch(0);
    final AtomicInteger entered = new AtomicInteger();

    @Override
    public ModelMetadata metadata() {
      return new ModelMetadata(
          "double",
          List.of(),
          "test",
          List.of(new TensorMetadata("x", Datatype.FP32, new long[] {-1, 2})),
          List.of(new TensorMetadata("y", Datatype.FP32, new long[] {-1, 2})));
    }

    @Override
    public InferResponse predict(InferRequest request) {
      entered.incrementAndGet();
      try {
        gate.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      Tensor x = request.inputs().get(0);
      callRows.add(x.shape()[0]);
      float[] out = new float[x.size()];
      for (int i = 0; i < out.length; i++) {
        if (x.floats()[i] == -1f) {
          throw KServeException.invalidInput(
              "input 'x': value -1 at index " + i + " (expected >= 0)");
        }
        out[i] = x.floats()[i] * 2;
      }
      return InferResponse.of("double", List.of(Tensor.ofFloats("y", x.shape(), out)));
    }

    @Override
    public void close() {}
  }

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  private static InferRequest rows(float... values) {
    return InferRequest.of(
        "double", Tensor.ofFloats("x", new long[] {values.length / 2, 2}, values));
  }

  @Test
  void concurrentRequestsShareOneCallAndEachGetsItsOwnRows() throws Exception {
    DoublingModel model = new DoublingModel();
    model.gate = new CountDownLatch(1);
    // A queue delay of 1 s: the 20 requests below are queued within it even when the machine is
    // loaded, so they form one batch.
    try (DynamicBatcher batcher =
        new DynamicBatcher("double", model, new BatchingConfig(64, 1_000_000), executor)) {
      // The first call blocks on the gate, so the next 20 queue up behind it.
      CompletableFuture<InferResponse> first = batcher.submit(rows(100, 101));
      await("the first call to wait at the gate")
          .atMost(Duration.ofSeconds(30))
          .until(() -> model.entered.get() == 1);
      List<CompletableFuture<InferResponse>> futures = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        futures.add(
            batcher.submit(
                i % 2 == 0 ? rows(i, i + 0.5f) : rows(i, i + 0.5f, 100 + i, 100.5f + i)));
      }
      model.gate.countDown();
      assertThat(first.get(30, TimeUnit.SECONDS).outputs().get(0).floats())
          .containsExactly(200, 202);
      for (int i = 0; i < 20; i++) {
        float[] y = futures.get(i).get(30, TimeUnit.SECONDS).outputs().get(0).floats();
        if (i % 2 == 0) {
          assertThat(y).containsExactly(2f * i, 2f * i + 1);
        } else {
          assertThat(y).containsExactly(2f * i, 2f * i + 1, 200f + 2 * i, 201f + 2 * i);
        }
      }
      // 1 call for the first request (1 row), then the 20 queued ones (30 rows) merged into one.
      assertThat(model.callRows).containsExactly(1L, 30L);
    }
  }

  @Test
  void batchesNeverExceedMaxBatchSize() throws Exception {
    DoublingModel model = new DoublingModel();
    model.gate = new CountDownLatch(1);
    try (DynamicBatcher batcher =
        new DynamicBatcher("double", model, new BatchingConfig(4, 50_000), executor)) {
      List<CompletableFuture<InferResponse>> futures = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        futures.add(batcher.submit(rows(i, i)));
      }
      model.gate.countDown();
      for (CompletableFuture<InferResponse> f : futures) {
        f.get(30, TimeUnit.SECONDS);
      }
      assertThat(model.callRows).allMatch(r -> r <= 4);
      assertThat(model.callRows.stream().mapToLong(Long::longValue).sum()).isEqualTo(10);
    }
  }

  @Test
  void aBadRequestFailsAloneWhileItsBatchNeighboursSucceed() throws Exception {
    DoublingModel model = new DoublingModel();
    model.gate = new CountDownLatch(1);
    try (DynamicBatcher batcher =
        new DynamicBatcher("double", model, new BatchingConfig(16, 50_000), executor)) {
      CompletableFuture<InferResponse> good = batcher.submit(rows(1, 2));
      CompletableFuture<InferResponse> bad = batcher.submit(rows(-1, 2));
      CompletableFuture<InferResponse> good2 = batcher.submit(rows(3, 4));
      model.gate.countDown();
      assertThat(good.get(30, TimeUnit.SECONDS).outputs().get(0).floats()).containsExactly(2, 4);
      assertThat(good2.get(30, TimeUnit.SECONDS).outputs().get(0).floats()).containsExactly(6, 8);
      assertThatThrownBy(() -> bad.get(30, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasMessageContaining("value -1 at index 0");
    }
  }

  @Test
  void requestsWithDifferentTrailingShapesAreNotMerged() throws Exception {
    DoublingModel model = new DoublingModel();
    model.gate = new CountDownLatch(1);
    try (DynamicBatcher batcher =
        new DynamicBatcher("double", model, new BatchingConfig(16, 50_000), executor)) {
      CompletableFuture<InferResponse> a = batcher.submit(rows(1, 2));
      CompletableFuture<InferResponse> b =
          batcher.submit(
              InferRequest.of(
                  "double", Tensor.ofFloats("x", new long[] {1, 3}, new float[] {1, 2, 3})));
      model.gate.countDown();
      assertThat(a.get(30, TimeUnit.SECONDS).outputs().get(0).shape()).containsExactly(1, 2);
      assertThat(b.get(30, TimeUnit.SECONDS).outputs().get(0).shape()).containsExactly(1, 3);
      assertThat(model.callRows).containsExactly(1L, 1L);
    }
  }
}
