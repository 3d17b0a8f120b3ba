package dev.kserve4j.server.scaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.protocol.ModelMetadata;
import dev.kserve4j.runtime.Model;
import dev.kserve4j.server.config.ReplicaSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReplicaPoolTest {
  private static final Duration DEADLINE = Duration.ofSeconds(10);

  private final ExecutorService loads = Executors.newCachedThreadPool();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final List<Instance> instances = new ArrayList<>();
  private final AtomicInteger failLoads = new AtomicInteger();

  /** One loaded instance; counts whether it was closed. */
  private final class Instance implements Model {
    final int id;
    volatile boolean closed;

    Instance(int id) {
      this.id = id;
    }

    @Override
    public ModelMetadata metadata() {
      return new ModelMetadata("m", List.of(), "test", List.of(), List.of());
    }

    @Override
    public InferResponse predict(InferRequest request) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  private final Supplier<Model> loader =
      () -> {
        if (failLoads.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
          throw new IllegalStateException("broken model file");
        }
        synchronized (instances) {
          Instance i = new Instance(instances.size());
          instances.add(i);
          return i;
        }
      };

  @AfterEach
  void stop() {
    loads.shutdownNow();
    timer.shutdownNow();
  }

  private ReplicaPool pool(int cc, int queue, Duration timeout) {
    return new ReplicaPool(
        "m",
        new ReplicaSettings("InferenceService default/iris (predictor)", 1, cc, queue, timeout),
        loader,
        loads,
        timer);
  }

  private static ReplicaPool.Lease now(CompletableFuture<ReplicaPool.Lease> f) {
    assertThat(f).isCompleted();
    return f.join();
  }

  private static KServeException failure(CompletableFuture<?> f) {
    await().atMost(DEADLINE).until(f::isDone);
    try {
      f.get();
      throw new AssertionError("expected a failure");
    } catch (ExecutionException e) {
      return (KServeException) e.getCause();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void spreadsRequestsByLeastInFlight() {
    ReplicaPool pool = pool(0, 10, DEADLINE);
    new ReplicatedModel(pool);
    pool.scaleTo(2);
    await().atMost(DEADLINE).until(() -> pool.stats().ready() == 2);
    ReplicaPool.Lease a = now(pool.acquire());
    ReplicaPool.Lease b = now(pool.acquire());
    assertThat(a.model()).isNotSameAs(b.model());
    a.release();
    ReplicaPool.Lease c = now(pool.acquire());
    assertThat(c.model()).isSameAs(a.model());
    assertThat(pool.stats().inFlight()).isEqualTo(2);
  }

  @Test
  void requestsOverTheConcurrencyLimitWaitAndAreReleasedInOrder() {
    ReplicaPool pool = pool(1, 10, DEADLINE);
    new ReplicatedModel(pool);
    ReplicaPool.Lease first = now(pool.acquire());
    CompletableFuture<ReplicaPool.Lease> second = pool.acquire();
    CompletableFuture<ReplicaPool.Lease> third = pool.acquire();
    assertThat(second).isNotDone();
    assertThat(pool.stats().queued()).isEqualTo(2);
    first.release();
    assertThat(second).isCompleted();
    assertThat(third).isNotDone();
    second.join().release();
    assertThat(third).isCompleted();
    third.join().release();
    assertThat(pool.stats()).isEqualTo(new ReplicaPool.Stats(1, 1, 0, 0, 0, 0));
  }

  @Test
  void aFullQueueIsAnswered503WithRetryAfterNamingTheService() {
    ReplicaPool pool = pool(1, 1, DEADLINE);
    new ReplicatedModel(pool);
    now(pool.acquire());
    CompletableFuture<ReplicaPool.Lease> waiting = pool.acquire();
    KServeException full = failure(pool.acquire());
    assertThat(full.getMessage())
        .contains("InferenceService default/iris (predictor)")
        .contains("activator queue is full (1 requests waiting");
    assertThat(full.retryAfterSeconds()).hasValue(1);
    assertThat(waiting).isNotDone();
  }

  @Test
  void aWaitPastTheTimeoutIsAnswered503() {
    ReplicaPool pool = pool(1, 10, Duration.ofMillis(200));
    new ReplicatedModel(pool);
    now(pool.acquire());
    KServeException late = failure(pool.acquire());
    assertThat(late.getMessage()).contains("no replica of model 'm' could take the request");
    assertThat(late.retryAfterSeconds()).isPresent();
    assertThat(pool.stats().queued()).isZero();
  }

  @Test
  void scaleToZeroUnloadsAndTheFirstRequestBringsAReplicaBack() {
    ReplicaPool pool = pool(0, 10, DEADLINE);
    new ReplicatedModel(pool);
    AtomicInteger pokes = new AtomicInteger();
    AtomicInteger atZero = new AtomicInteger();
    List<Duration> coldStarts = new ArrayList<>();
    pool.listener(
        new ReplicaPool.Listener() {
          @Override
          public void demandAtZero() {
            pokes.incrementAndGet();
          }

          @Override
          public void coldStart(Duration took) {
            coldStarts.add(took);
          }

          @Override
          public void atZero() {
            atZero.incrementAndGet();
          }
        });
    pool.scaleTo(0);
    await().atMost(DEADLINE).until(() -> atZero.get() == 1);
    assertThat(instances.get(0).closed).isTrue();
    assertThat(pool.stats()).isEqualTo(new ReplicaPool.Stats(0, 0, 0, 0, 0, 0));

    CompletableFuture<ReplicaPool.Lease> first = pool.acquire();
    assertThat(pokes).hasValue(1);
    await().atMost(DEADLINE).until(first::isDone);
    assertThat(first.join().model()).isSameAs(instances.get(1));
    assertThat(coldStarts).hasSize(1);
    assertThat(pool.stats().desired()).isEqualTo(1);
  }

  @Test
  void scaleDownDrainsAReplicaBeforeClosingIt() {
    ReplicaPool pool = pool(0, 10, DEADLINE);
    new ReplicatedModel(pool);
    ReplicaPool.Lease running = now(pool.acquire());
    pool.scaleTo(0);
    assertThat(pool.stats().draining()).isEqualTo(1);
    assertThat(instances.get(0).closed).isFalse();
    running.release();
    await().atMost(DEADLINE).until(() -> instances.get(0).closed);
    assertThat(pool.stats().draining()).isZero();
  }

  @Test
  void waitingRequestsKeepOneReplicaWanted() {
    ReplicaPool pool = pool(1, 10, DEADLINE);
    new ReplicatedModel(pool);
    ReplicaPool.Lease running = now(pool.acquire());
    CompletableFuture<ReplicaPool.Lease> waiting = pool.acquire();
    pool.scaleTo(0);
    running.release();
    await().atMost(DEADLINE).until(waiting::isDone);
    assertThat(waiting).isCompleted();
  }

  @Test
  void aReplicaThatFailsToLoadTakesNoRequestsAndIsReplacedAfterABackoff() {
    ReplicaPool pool = pool(0, 10, DEADLINE);
    new ReplicatedModel(pool);
    pool.scaleTo(0);
    await().atMost(DEADLINE).until(() -> instances.get(0).closed);
    failLoads.set(1);
    long start = System.nanoTime();
    CompletableFuture<ReplicaPool.Lease> waiting = pool.acquire();
    await().atMost(DEADLINE).until(waiting::isDone);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    assertThat(waiting.join().model()).isSameAs(instances.get(1));
  }

  @Test
  void closeAnswersWaitingRequests503AndClosesEveryReplica() {
    ReplicaPool pool = pool(1, 10, DEADLINE);
    new ReplicatedModel(pool);
    now(pool.acquire());
    CompletableFuture<ReplicaPool.Lease> waiting = pool.acquire();
    pool.close();
    assertThat(failure(waiting).getMessage()).contains("is shutting down");
    assertThat(instances.get(0).closed).isTrue();
    assertThatThrownBy(() -> pool.acquire().join()).hasCauseInstanceOf(KServeException.class);
  }

  @Test
  void sampleIsTheTimeWeightedLoadAndTheArrivals() {
    AtomicLong clock = new AtomicLong();
    ReplicaPool pool =
        new ReplicaPool(
            "m",
            new ReplicaSettings("InferenceService default/iris (predictor)", 1, 1, 10, DEADLINE),
            loader,
            loads,
            timer,
            clock::get);
    new ReplicatedModel(pool);
    ReplicaPool.Lease a = now(pool.acquire()); // 1 in flight for 0.5 s
    clock.addAndGet(500_000_000);
    CompletableFuture<ReplicaPool.Lease> b = pool.acquire(); // 1 in flight + 1 waiting for 0.5 s
    clock.addAndGet(500_000_000);
    ReplicaPool.Sample s = pool.sample();
    assertThat(s.requests()).isEqualTo(2);
    assertThat(s.concurrency()).isCloseTo(1.5, within(1e-9));
    a.release();
    clock.addAndGet(1_000_000_000);
    assertThat(pool.sample()).isEqualTo(new ReplicaPool.Sample(1.0, 0));
    b.join().release();
  }
}
