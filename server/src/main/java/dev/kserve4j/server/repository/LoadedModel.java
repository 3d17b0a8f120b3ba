package dev.kserve4j.server.repository;

import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.protocol.ModelMetadata;
import dev.kserve4j.runtime.Model;
import dev.kserve4j.server.batching.DynamicBatcher;
import dev.kserve4j.server.scaling.ReplicaPool;
import dev.kserve4j.server.scaling.ReplicatedModel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A model instance as served: the runtime's model, its metadata under the served name, its batcher
 * when dynamic batching is on, and its replicas when a set of replicas serves it.
 *
 * @param replicas the replicas under {@code model}, or null when one instance serves it
 */
public record LoadedModel(
    Model model,
    ModelMetadata metadata,
    DynamicBatcher batcher,
    DispatchPolicy dispatch,
    ReplicatedModel replicas) {

  LoadedModel(Model model, ModelMetadata metadata, DynamicBatcher batcher) {
    this(model, metadata, batcher, new DispatchPolicy(), null);
  }

  LoadedModel(
      Model model, ModelMetadata metadata, DynamicBatcher batcher, ReplicatedModel replicas) {
    this(model, metadata, batcher, new DispatchPolicy(), replicas);
  }

  /**
   * Runs the request through the batcher; or, with batching off, on the calling thread when the
   * model is known to be fast for this many rows, else on {@code executor} (see {@link
   * DispatchPolicy}).
   */
  public CompletableFuture<InferResponse> submit(InferRequest request, Executor executor) {
    if (batcher != null) {
      return batcher.submit(request);
    }
    long rows = request.inputs().isEmpty() ? 1 : request.inputs().get(0).batchSize();
    if (replicas != null) {
      return onReplica(request, rows, executor);
    }
    if (dispatch.inline(rows)) {
      try {
        return CompletableFuture.completedFuture(timed(request, rows));
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(e);
      }
    }
    return CompletableFuture.supplyAsync(() -> timed(request, rows), executor);
  }

  /**
   * Takes a replica without blocking, then runs the call on it: on the calling thread when one was
   * free and the model is fast, else on {@code executor}.
   */
  private CompletableFuture<InferResponse> onReplica(
      InferRequest request, long rows, Executor executor) {
    CompletableFuture<ReplicaPool.Lease> lease = replicas.pool().acquire();
    if (lease.isDone() && !lease.isCompletedExceptionally() && dispatch.inline(rows)) {
      try {
        return CompletableFuture.completedFuture(
            replicas.runWith(lease.join(), () -> timed(request, rows)));
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(e);
      }
    }
    return lease.thenApplyAsync(l -> replicas.runWith(l, () -> timed(request, rows)), executor);
  }

  private InferResponse timed(InferRequest request, long rows) {
    long start = System.nanoTime();
    InferResponse response = model.predict(request);
    dispatch.record(rows, System.nanoTime() - start);
    return response;
  }

  void close() {
    if (batcher != null) {
      batcher.close();
    }
    model.close();
  }
}
