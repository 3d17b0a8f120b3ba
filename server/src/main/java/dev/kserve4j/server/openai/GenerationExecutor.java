package dev.kserve4j.server.openai;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.runtime.generate.GeneratedToken;
import dev.kserve4j.runtime.generate.Generation;
import dev.kserve4j.runtime.generate.GenerationRequest;
import dev.kserve4j.runtime.generate.TextGenerator;
import dev.kserve4j.runtime.generate.TokenSink;
import dev.kserve4j.server.metrics.GenerationMetrics;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs generations on their own platform threads, never on the event loop: a generation blocks for
 * seconds, and native runtimes pin virtual threads. Records the queue wait, time to first token,
 * inter-token latency, duration, token counts and the active and waiting gauges of each model.
 */
public final class GenerationExecutor implements AutoCloseable {
  private final ExecutorService threads;
  private final GenerationMetrics metrics;

  /**
   * @param threads generations that run at once; the rest wait (the model may queue them further,
   *     e.g. for a free llama.cpp slot)
   */
  public GenerationExecutor(int threads, GenerationMetrics metrics) {
    this.metrics = requireNonNull(metrics, "metrics");
    AtomicInteger n = new AtomicInteger();
    this.threads =
        Executors.newFixedThreadPool(
            threads,
            r ->
                Thread.ofPlatform()
                    .daemon()
                    .name("text-generation-" + n.incrementAndGet())
                    .unstarted(r));
  }

  /** Starts one generation; the future completes with its end, or fails with the model's error. */
  public CompletableFuture<Generation> submit(
      String model, TextGenerator generator, GenerationRequest request, TokenSink sink) {
    GenerationMetrics.PerModel meters = metrics.of(model);
    long accepted = System.nanoTime();
    meters.queued();
    CompletableFuture<Generation> result = new CompletableFuture<>();
    try {
      threads.execute(
          () -> {
            long start = System.nanoTime();
            meters.started(start - accepted);
            Generation g = null;
            Throwable failure = null;
            try {
              g = generator.generate(request, new TimedSink(sink, meters, accepted));
              meters.generation(g.promptTokens(), g.completionTokens(), System.nanoTime() - start);
            } catch (RuntimeException | Error e) {
              failure = e;
            } finally {
              meters.ended(); // before completing, so whoever sees the end sees the gauge drop too
            }
            if (failure == null) {
              result.complete(g);
            } else {
              result.completeExceptionally(failure);
            }
          });
    } catch (RuntimeException e) { // rejected: the server is shutting down
      meters.rejected();
      result.completeExceptionally(e);
    }
    return result;
  }

  /** Runs another blocking call of a model (embeddings) on the same threads, unmetered. */
  public <T> CompletableFuture<T> call(Supplier<T> work) {
    return CompletableFuture.supplyAsync(work, threads);
  }

  @Override
  public void close() {
    threads.shutdownNow();
  }

  /** Times the first token from acceptance, and each later one from the one before. */
  private static final class TimedSink implements TokenSink {
    private final TokenSink delegate;
    private final GenerationMetrics.PerModel meters;
    private long last;
    private boolean first = true;

    TimedSink(TokenSink delegate, GenerationMetrics.PerModel meters, long accepted) {
      this.delegate = delegate;
      this.meters = meters;
      this.last = accepted;
    }

    @Override
    public boolean accept(GeneratedToken token) {
      long now = System.nanoTime();
      if (first) {
        meters.firstToken(now - last);
        first = false;
      } else {
        meters.interToken(now - last);
      }
      last = now;
      return delegate.accept(token);
    }
  }
}
