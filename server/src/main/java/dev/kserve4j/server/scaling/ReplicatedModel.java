package dev.kserve4j.server.scaling;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.protocol.ModelMetadata;
import dev.kserve4j.protocol.v1.V1Predictions;
import dev.kserve4j.runtime.JsonPredictor;
import dev.kserve4j.runtime.JsonReply;
import dev.kserve4j.runtime.Model;
import dev.kserve4j.runtime.TransformerStages;
import dev.kserve4j.runtime.generate.ChatMessage;
import dev.kserve4j.runtime.generate.Embeddings;
import dev.kserve4j.runtime.generate.Generation;
import dev.kserve4j.runtime.generate.GenerationRequest;
import dev.kserve4j.runtime.generate.OpenAiUpstream;
import dev.kserve4j.runtime.generate.TextGenerator;
import dev.kserve4j.runtime.generate.TokenSink;
import dev.kserve4j.server.config.ReplicaSettings;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A model served by a {@link ReplicaPool}: every call (a tensor inference, a V1 body, a transformer
 * stage, an explanation, a text generation) runs on one replica taken from the pool and given back
 * when it returns. What the model is (metadata, which calls it answers) is learnt from its first
 * instance, so it is known while the model is scaled to zero.
 *
 * <p>A caller that must not block (the event loop) takes the replica first with {@link
 * ReplicaPool#acquire()} and runs the call with {@link #runWith}; any other caller waits for a
 * replica inside the call.
 */
public final class ReplicatedModel implements Model {
  private static final ThreadLocal<ReplicaPool.Lease> TAKEN = new ThreadLocal<>();

  private final ReplicaPool pool;
  private final ModelMetadata metadata;
  private final boolean batchable;
  private final V1Predictions v1Predictions;
  private final boolean json;
  private final boolean transformer;
  private final boolean explainer;
  private final boolean generator;
  private final boolean upstream;

  /**
   * Loads the first instance, learns the model from it and, when {@link
   * ReplicaSettings#initialReplicas()} is 0, unloads it again; else it serves as the first replica
   * and the pool is scaled to that many.
   */
  public ReplicatedModel(ReplicaPool pool) {
    this.pool = requireNonNull(pool, "pool");
    Model first = pool.loadInstance();
    try {
      this.metadata = first.metadata();
      this.batchable = first.batchable();
      this.v1Predictions = first.v1Predictions();
      this.json = first.jsonPredictor().isPresent();
      this.transformer = first.transformer().isPresent();
      this.explainer = first.explainer().isPresent();
      this.generator = first.textGenerator().isPresent();
      this.upstream = first.openAiUpstream().isPresent();
    } catch (RuntimeException e) {
      first.close();
      throw e;
    }
    int initial = pool.settings().initialReplicas();
    if (initial == 0) {
      first.close();
      pool.scaleTo(0);
    } else {
      pool.adopt(first);
      pool.scaleTo(initial);
    }
  }

  public ReplicaPool pool() {
    return pool;
  }

  /**
   * Runs {@code call}, which calls this model, on the replica of {@code lease}; the lease is given
   * back when the call returns.
   */
  public <T> T runWith(ReplicaPool.Lease lease, Supplier<T> call) {
    TAKEN.set(lease);
    try {
      return call.get();
    } finally {
      if (TAKEN.get() == lease) {
        TAKEN.remove();
      }
      lease.release();
    }
  }

  @Override
  public ModelMetadata metadata() {
    return metadata;
  }

  @Override
  public boolean batchable() {
    return batchable;
  }

  @Override
  public V1Predictions v1Predictions() {
    return v1Predictions;
  }

  @Override
  public InferResponse predict(InferRequest request) {
    return onReplica(m -> m.predict(request));
  }

  @Override
  public Optional<JsonPredictor> jsonPredictor() {
    return json
        ? Optional.of(
            (body, headers) ->
                onReplica(m -> m.jsonPredictor().orElseThrow().predict(body, headers)))
        : Optional.empty();
  }

  @Override
  public Optional<JsonPredictor> explainer() {
    return explainer
        ? Optional.of(
            (body, headers) -> onReplica(m -> m.explainer().orElseThrow().predict(body, headers)))
        : Optional.empty();
  }

  @Override
  public Optional<TransformerStages> transformer() {
    if (!transformer) {
      return Optional.empty();
    }
    return Optional.of(
        new TransformerStages() {
          @Override
          public JsonReply preprocess(Body request, Map<String, String> headers) {
            return onReplica(m -> m.transformer().orElseThrow().preprocess(request, headers));
          }

          @Override
          public JsonReply postprocess(Body response, Body request, Map<String, String> headers) {
            return onReplica(
                m -> m.transformer().orElseThrow().postprocess(response, request, headers));
          }
        });
  }

  @Override
  public Optional<TextGenerator> textGenerator() {
    if (!generator) {
      return Optional.empty();
    }
    return Optional.of(
        new TextGenerator() {
          @Override
          public String chatPrompt(List<ChatMessage> messages) {
            return onReplica(m -> m.textGenerator().orElseThrow().chatPrompt(messages));
          }

          @Override
          public Generation generate(GenerationRequest request, TokenSink sink) {
            return onReplica(m -> m.textGenerator().orElseThrow().generate(request, sink));
          }

          @Override
          public Embeddings embed(List<String> inputs) {
            return onReplica(m -> m.textGenerator().orElseThrow().embed(inputs));
          }

          @Override
          public int countTokens(String text) {
            return onReplica(m -> m.textGenerator().orElseThrow().countTokens(text));
          }
        });
  }

  /**
   * The upstream engine of one ready replica (a forwarding model: the engine, not the replica, runs
   * the request, so no replica is held while it does).
   */
  @Override
  public Optional<OpenAiUpstream> openAiUpstream() {
    return upstream ? onReplica(Model::openAiUpstream) : Optional.empty();
  }

  @Override
  public void close() {
    pool.close();
  }

  private <T> T onReplica(Function<Model, T> call) {
    ReplicaPool.Lease taken = TAKEN.get();
    if (taken != null) {
      TAKEN.remove(); // one call per lease: a nested call waits for its own replica
      return call.apply(taken.model());
    }
    ReplicaPool.Lease lease = await(pool.acquire());
    try {
      return call.apply(lease.model());
    } finally {
      lease.release();
    }
  }

  private static ReplicaPool.Lease await(CompletableFuture<ReplicaPool.Lease> lease) {
    try {
      return lease.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      lease.thenAccept(ReplicaPool.Lease::release);
      throw KServeException.unavailable("interrupted while waiting for a replica", 1);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
