package dev.kserve4j.server.repository;

import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.protocol.ModelMetadata;
import dev.kserve4j.runtime.Model;
import dev.kserve4j.server.batching.DynamicBatcher;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A model instance as served: the runtime's model, its metadata under the served name, and its
 * batcher when dynamic batching is on.
 */
public record LoadedModel(
    Model model, ModelMetadata metadata, DynamicBatcher batcher, DispatchPolicy dispatch) {

  LoadedModel(Model model, ModelMetadata metadata, DynamicBatcher batcher) {
    this(model, metadata, batcher, new DispatchPolicy());
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
    if (dispatch.inline(rows)) {
      try {
        return CompletableFuture.completedFuture(timed(request, rows));
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(e);
      }
    }
    return CompletableFuture.supplyAsync(() -> timed(request, rows), executor);
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
