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
public record LoadedModel(Model model, ModelMetadata metadata, DynamicBatcher batcher) {

  /** Runs the request through the batcher, or directly on {@code executor} when batching is off. */
  public CompletableFuture<InferResponse> submit(InferRequest request, Executor executor) {
    if (batcher != null) {
      return batcher.submit(request);
    }
    return CompletableFuture.supplyAsync(() -> model.predict(request), executor);
  }

  void close() {
    if (batcher != null) {
      batcher.close();
    }
    model.close();
  }
}
