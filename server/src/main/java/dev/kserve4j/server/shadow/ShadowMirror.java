package dev.kserve4j.server.shadow;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.runtime.JsonReply;
import dev.kserve4j.server.JsonInference;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Mirrors a share of the requests a stable revision answered to a candidate revision and compares
 * the answers, without ever changing or delaying the client's answer.
 *
 * <p>A caller that has the stable revision's answer (or its future) hands it over with the request:
 * {@link #after(Object, CompletableFuture)} returns a future that completes with the stable answer
 * exactly when the stable future does; {@link #offer(Object, Object)} is the same for an answer in
 * hand. With probability {@code percent / 100}, and only when the stable answer succeeded (a 2xx
 * {@link JsonReply}; a tensor answer always), the same request goes to the candidate function on
 * the mirror's executor. At most {@code maxInFlight} mirrored requests wait for the candidate at
 * once; a request drawn beyond that is dropped and counted. The candidate's answer is compared with
 * the stable one ({@link OutputComparison}: V1 {@code predictions}, V2 outputs by name, numbers
 * within the relative tolerance) and counted in {@link ShadowMetrics}; it never reaches the client.
 *
 * <p>One mirror serves one {@link ShadowTarget}: an InferenceService's stable and candidate
 * revision. A caller routing a request to the stable revision calls {@code after}; one routing it
 * to the candidate does not mirror it.
 *
 * @param <Q> the request: {@link JsonInference.Request} (V1 or V2 JSON) or {@link InferRequest}
 * @param <A> the answer: {@link JsonReply} or {@link InferResponse}
 */
public final class ShadowMirror<Q, A> implements AutoCloseable {
  private final ShadowSettings settings;
  private final Function<Q, CompletableFuture<A>> candidate;
  private final Predicate<A> succeeded;
  private final Function<A, JsonNode> outputs;
  private final ShadowMetrics metrics;
  private final Executor executor;
  private final ExecutorService owned;
  private final DoubleSupplier sampler;
  private final Semaphore permits;

  private ShadowMirror(
      ShadowTarget target,
      ShadowSettings settings,
      Function<Q, CompletableFuture<A>> candidate,
      Predicate<A> succeeded,
      Function<A, JsonNode> outputs,
      MeterRegistry registry,
      Executor executor,
      DoubleSupplier sampler) {
    this.settings = requireNonNull(settings, "settings");
    this.candidate = requireNonNull(candidate, "candidate");
    this.succeeded = succeeded;
    this.outputs = outputs;
    this.metrics = new ShadowMetrics(registry, requireNonNull(target, "target"));
    this.owned = executor == null ? Executors.newVirtualThreadPerTaskExecutor() : null;
    this.executor = executor == null ? owned : executor;
    this.sampler = requireNonNull(sampler, "sampler");
    this.permits = new Semaphore(settings.maxInFlight());
  }

  /**
   * A mirror of V1 or V2 JSON requests: {@code candidate} sends a request to the candidate revision
   * (e.g. {@code JsonInference.v1Predict} of its model, or an HTTP call) and answers its reply.
   * Candidate calls and comparisons run on virtual threads of the mirror's own.
   */
  public static ShadowMirror<JsonInference.Request, JsonReply> json(
      ShadowTarget target,
      ShadowSettings settings,
      Function<JsonInference.Request, CompletableFuture<JsonReply>> candidate,
      MeterRegistry registry) {
    return json(target, settings, candidate, registry, null, Math::random);
  }

  /**
   * As {@link #json(ShadowTarget, ShadowSettings, Function, MeterRegistry)}, with the executor that
   * calls the candidate and compares ({@code null}: virtual threads of the mirror's own) and the
   * source of uniform numbers in [0, 1) that samples requests.
   */
  public static ShadowMirror<JsonInference.Request, JsonReply> json(
      ShadowTarget target,
      ShadowSettings settings,
      Function<JsonInference.Request, CompletableFuture<JsonReply>> candidate,
      MeterRegistry registry,
      Executor executor,
      DoubleSupplier sampler) {
    return new ShadowMirror<>(
        target,
        settings,
        candidate,
        reply -> reply.status() / 100 == 2,
        OutputComparison::outputs,
        registry,
        executor,
        sampler);
  }

  /**
   * A mirror of tensor requests (V2 REST decoded, gRPC): {@code candidate} infers on the candidate
   * revision; its exceptional completion is a candidate error.
   */
  public static ShadowMirror<InferRequest, InferResponse> tensors(
      ShadowTarget target,
      ShadowSettings settings,
      Function<InferRequest, CompletableFuture<InferResponse>> candidate,
      MeterRegistry registry) {
    return tensors(target, settings, candidate, registry, null, Math::random);
  }

  /**
   * As {@link #tensors(ShadowTarget, ShadowSettings, Function, MeterRegistry)}, see {@link #json}.
   */
  public static ShadowMirror<InferRequest, InferResponse> tensors(
      ShadowTarget target,
      ShadowSettings settings,
      Function<InferRequest, CompletableFuture<InferResponse>> candidate,
      MeterRegistry registry,
      Executor executor,
      DoubleSupplier sampler) {
    return new ShadowMirror<>(
        target,
        settings,
        candidate,
        response -> true,
        OutputComparison::outputs,
        registry,
        executor,
        sampler);
  }

  /**
   * The stable answer, as a future that completes when and as {@code stable} does; once {@code
   * stable} succeeded, {@code request} is offered for mirroring ({@link #offer}). Use the returned
   * future (or {@code stable} itself) for the client.
   */
  public CompletableFuture<A> after(Q request, CompletableFuture<A> stable) {
    requireNonNull(request, "request");
    return stable.thenApply(
        answer -> {
          try {
            offer(request, answer);
          } catch (RuntimeException e) {
            // the client's answer never depends on the mirror
          }
          return answer;
        });
  }

  /**
   * Offers one request the stable revision answered with {@code stableAnswer}. Returns at once; the
   * future tells what became of it (completed at once unless it was mirrored), for callers and
   * tests that want to know. Never throws for the candidate's sake.
   */
  public CompletableFuture<ShadowOutcome> offer(Q request, A stableAnswer) {
    requireNonNull(request, "request");
    requireNonNull(stableAnswer, "stableAnswer");
    if (!(sampler.getAsDouble() * 100 < settings.percent())) {
      return CompletableFuture.completedFuture(ShadowOutcome.NOT_SAMPLED);
    }
    if (!succeeded.test(stableAnswer)) {
      return CompletableFuture.completedFuture(ShadowOutcome.STABLE_FAILED);
    }
    if (!permits.tryAcquire()) {
      metrics.countDropped();
      return CompletableFuture.completedFuture(ShadowOutcome.DROPPED);
    }
    CompletableFuture<ShadowOutcome> outcome = new CompletableFuture<>();
    try {
      executor.execute(() -> mirror(request, stableAnswer, outcome));
    } catch (RejectedExecutionException e) {
      permits.release();
      metrics.countDropped();
      return CompletableFuture.completedFuture(ShadowOutcome.DROPPED);
    }
    metrics.countMirrored();
    return outcome;
  }

  private void mirror(Q request, A stableAnswer, CompletableFuture<ShadowOutcome> outcome) {
    long start = System.nanoTime();
    CompletableFuture<A> call;
    try {
      call = requireNonNull(candidate.apply(request), "the candidate's future");
    } catch (RuntimeException e) {
      call = CompletableFuture.failedFuture(e);
    }
    call.whenComplete(
        (answer, failure) -> {
          long nanos = System.nanoTime() - start;
          Runnable finish = () -> finish(stableAnswer, answer, failure, nanos, outcome);
          try {
            executor.execute(finish);
          } catch (RejectedExecutionException e) {
            finish.run();
          }
        });
  }

  private void finish(
      A stableAnswer,
      A answer,
      Throwable failure,
      long nanos,
      CompletableFuture<ShadowOutcome> outcome) {
    ShadowOutcome result;
    try {
      result =
          failure != null || !succeeded.test(answer)
              ? ShadowOutcome.CANDIDATE_ERROR
              : OutputComparison.agree(
                      outputs.apply(stableAnswer), outputs.apply(answer), settings.tolerance())
                  ? ShadowOutcome.AGREED
                  : ShadowOutcome.DISAGREED;
    } catch (RuntimeException e) {
      result = ShadowOutcome.CANDIDATE_ERROR;
    }
    metrics.record(result, nanos);
    permits.release();
    outcome.complete(result);
  }

  /** The meters this mirror counts in. */
  public ShadowMetrics metrics() {
    return metrics;
  }

  /** Mirrored requests still waiting for the candidate or its comparison. */
  public int inFlight() {
    return settings.maxInFlight() - permits.availablePermits();
  }

  /** The settings this mirror runs with. */
  public ShadowSettings settings() {
    return settings;
  }

  /**
   * Stops the mirror's own virtual threads (an executor given by the caller is left alone); later
   * offers that are drawn are dropped.
   */
  @Override
  public void close() {
    if (owned != null) {
      owned.shutdownNow();
    }
  }
}
