package dev.kserve4j.server.batching;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.runtime.Model;
import dev.kserve4j.server.config.BatchingConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Triton-style dynamic batcher for one model: concurrent requests are queued, merged along
 * dimension 0 into one runtime call of at most {@code maxBatchSize} rows, and each caller gets
 * exactly its own rows of every output back.
 *
 * <p>A batch closes when it holds {@code maxBatchSize} rows, or {@code maxQueueDelayMicros} after
 * its first request was queued, or when the next request cannot be stacked with it (different input
 * names, datatypes or trailing dimensions); that request starts the next batch. At most {@code
 * instances} batches run at once; while they run, the queue keeps filling, which is what makes
 * batches grow under load.
 */
public final class DynamicBatcher implements AutoCloseable {
  private final String modelName;
  private final Model model;
  private final BatchingConfig config;
  private final Executor executor;
  private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Semaphore instances;
  private final Thread dispatcher;
  private volatile boolean closed;

  private record Pending(
      InferRequest request, CompletableFuture<InferResponse> future, long queuedAt) {
    long rows() {
      return request.inputs().isEmpty() ? 1 : request.inputs().get(0).batchSize();
    }
  }

  public DynamicBatcher(String modelName, Model model, BatchingConfig config, Executor executor) {
    this.modelName = requireNonNull(modelName, "modelName");
    this.model = requireNonNull(model, "model");
    this.config = requireNonNull(config, "config");
    this.executor = requireNonNull(executor, "executor");
    this.instances = new Semaphore(config.instances());
    this.dispatcher = Thread.ofPlatform().daemon().name("batcher-" + modelName).start(this::run);
  }

  /** Queues a request; the future completes with this request's rows of the batch result. */
  public CompletableFuture<InferResponse> submit(InferRequest request) {
    CompletableFuture<InferResponse> f = new CompletableFuture<>();
    if (closed) {
      f.completeExceptionally(
          KServeException.unavailable("model '" + modelName + "' is shutting down"));
      return f;
    }
    queue.add(new Pending(request, f, System.nanoTime()));
    return f;
  }

  private void run() {
    Pending carry = null;
    try {
      while (!closed || carry != null || !queue.isEmpty()) {
        Pending first = carry != null ? carry : queue.poll(100, TimeUnit.MILLISECONDS);
        carry = null;
        if (first == null) {
          continue;
        }
        List<Pending> batch = new ArrayList<>();
        batch.add(first);
        long rows = first.rows();
        long deadline = first.queuedAt() + config.maxQueueDelayMicros() * 1000;
        while (rows < config.maxBatchSize()) {
          long wait = deadline - System.nanoTime();
          Pending next = wait > 0 ? queue.poll(wait, TimeUnit.NANOSECONDS) : queue.poll();
          if (next == null) {
            break;
          }
          if (rows + next.rows() > config.maxBatchSize() || !compatible(first, next)) {
            carry = next;
            break;
          }
          batch.add(next);
          rows += next.rows();
        }
        instances.acquire();
        executor.execute(() -> runBatch(batch));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static boolean compatible(Pending a, Pending b) {
    List<Tensor> x = a.request().inputs();
    List<Tensor> y = b.request().inputs();
    if (x.size() != y.size()
        || x.isEmpty()
        || !a.request().outputs().equals(b.request().outputs())
        || !a.request().parameters().equals(b.request().parameters())) {
      return false;
    }
    for (int i = 0; i < x.size(); i++) {
      if (!TensorBatches.stackable(x.get(i), y.get(i))) {
        return false;
      }
    }
    return true;
  }

  private void runBatch(List<Pending> batch) {
    try {
      if (batch.size() == 1) {
        Pending p = batch.get(0);
        complete(p, () -> model.predict(p.request()));
        return;
      }
      InferResponse merged;
      try {
        merged = model.predict(mergedRequest(batch));
      } catch (RuntimeException e) {
        // One request's data may have failed the merged call: run each alone so every caller
        // gets the outcome of its own request.
        batch.forEach(p -> complete(p, () -> model.predict(p.request())));
        return;
      }
      long from = 0;
      for (Pending p : batch) {
        long rows = p.rows();
        List<Tensor> outs = new ArrayList<>(merged.outputs().size());
        try {
          for (Tensor t : merged.outputs()) {
            outs.add(TensorBatches.slice(t, from, rows));
          }
          p.future().complete(merged.withOutputs(outs));
        } catch (RuntimeException e) {
          p.future()
              .completeExceptionally(
                  KServeException.modelFailure(
                      "model '"
                          + modelName
                          + "' returned outputs that cannot be split by batch row: "
                          + e.getMessage(),
                      e));
        }
        from += rows;
      }
    } finally {
      instances.release();
    }
  }

  private static InferRequest mergedRequest(List<Pending> batch) {
    InferRequest first = batch.get(0).request();
    List<Tensor> inputs = new ArrayList<>(first.inputs().size());
    for (int i = 0; i < first.inputs().size(); i++) {
      List<Tensor> parts = new ArrayList<>(batch.size());
      for (Pending p : batch) {
        parts.add(p.request().inputs().get(i));
      }
      inputs.add(TensorBatches.concat(parts));
    }
    return first.withInputs(inputs);
  }

  private static void complete(Pending p, java.util.function.Supplier<InferResponse> call) {
    try {
      p.future().complete(call.get());
    } catch (RuntimeException e) {
      p.future().completeExceptionally(e);
    }
  }

  /**
   * Stops taking requests; queued ones are still run, and this returns once every batch has
   * finished (so the model may be closed next) or after 30 s. A request that raced the close into
   * the queue is answered 503.
   */
  @Override
  public void close() {
    closed = true;
    try {
      dispatcher.join(5_000);
      if (instances.tryAcquire(config.instances(), 30, TimeUnit.SECONDS)) {
        instances.release(config.instances());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Pending p; (p = queue.poll()) != null; ) {
      p.future()
          .completeExceptionally(
              KServeException.unavailable("model '" + modelName + "' is shutting down"));
    }
  }
}
