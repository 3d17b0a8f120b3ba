package dev.kserve4j.server.metrics;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Per-model text-generation metrics of the OpenAI API, on {@code /metrics} (label {@code
 * model_name}); the list is in {@link InferenceMetrics}. Latencies are histograms in seconds, from
 * 1 ms to 10 min (a long generation).
 */
public final class GenerationMetrics {
  private static final Duration MIN = Duration.ofMillis(1);
  private static final Duration MAX = Duration.ofMinutes(10);

  private final MeterRegistry registry;
  private final ConcurrentHashMap<String, PerModel> models = new ConcurrentHashMap<>();

  public GenerationMetrics(MeterRegistry registry) {
    this.registry = requireNonNull(registry, "registry");
  }

  /** The meters of one model, registered on first use. */
  public PerModel of(String model) {
    return models.computeIfAbsent(requireNonNull(model, "model"), PerModel::new);
  }

  /** One model's meters. */
  public final class PerModel {
    private final Timer queueWait;
    private final Timer timeToFirstToken;
    private final Timer interTokenLatency;
    private final Timer duration;
    private final DistributionSummary tokensPerSecond;
    private final Counter promptTokens;
    private final Counter completionTokens;

    /** Generations accepted and waiting for a generation thread. */
    private final AtomicInteger waiting = new AtomicInteger();

    /** Generations inside the model's generator. */
    private final AtomicInteger active = new AtomicInteger();

    private PerModel(String model) {
      queueWait =
          timer(
              "kserve4j_generation_queue_wait",
              model,
              "Time from accepting a generation request to calling the model's generator");
      timeToFirstToken =
          timer(
              "kserve4j_generation_time_to_first_token",
              model,
              "Time from accepting a generation request to its first generated token");
      interTokenLatency =
          timer(
              "kserve4j_generation_inter_token_latency",
              model,
              "Time between two consecutive generated tokens of one generation");
      duration =
          timer(
              "kserve4j_generation_duration",
              model,
              "Time the model's generator took for one generation");
      tokensPerSecond =
          DistributionSummary.builder("kserve4j_generation_tokens_per_second")
              .description("Generated tokens per second of one generation")
              .tag("model_name", model)
              .publishPercentileHistogram()
              .register(registry);
      promptTokens = counter("kserve4j_generation_prompt_tokens", model, "Prompt tokens read");
      completionTokens =
          counter("kserve4j_generation_completion_tokens", model, "Tokens generated");
      Gauge.builder("kserve4j_generation_waiting_requests", waiting, AtomicInteger::get)
          .description("Generations (one per choice) waiting for a generation thread")
          .tag("model_name", model)
          .register(registry);
      Gauge.builder("kserve4j_generation_active_requests", active, AtomicInteger::get)
          .description("Generations (one per choice) inside the model's generator")
          .tag("model_name", model)
          .register(registry);
    }

    /** A generation was accepted and waits for a thread. */
    public void queued() {
      waiting.incrementAndGet();
    }

    /** A generation that was never started (the server is stopping). */
    public void rejected() {
      waiting.decrementAndGet();
    }

    /** A queued generation enters the generator after waiting {@code queueNanos}. */
    public void started(long queueNanos) {
      waiting.decrementAndGet();
      active.incrementAndGet();
      queueWait.record(queueNanos, TimeUnit.NANOSECONDS);
    }

    /** A started generation left the generator, finished or failed. */
    public void ended() {
      active.decrementAndGet();
    }

    public void firstToken(long nanos) {
      timeToFirstToken.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void interToken(long nanos) {
      interTokenLatency.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Records a finished generation: its token counts and how long the generator took. */
    public void generation(int prompt, int completion, long nanos) {
      duration.record(nanos, TimeUnit.NANOSECONDS);
      promptTokens.increment(prompt);
      completionTokens.increment(completion);
      if (completion > 0 && nanos > 0) {
        tokensPerSecond.record(completion * 1e9 / nanos);
      }
    }

    private Timer timer(String name, String model, String description) {
      return Timer.builder(name)
          .description(description)
          .tag("model_name", model)
          .publishPercentileHistogram()
          .minimumExpectedValue(MIN)
          .maximumExpectedValue(MAX)
          .register(registry);
    }

    private Counter counter(String name, String model, String description) {
      return Counter.builder(name)
          .description(description)
          .tag("model_name", model)
          .register(registry);
    }
  }
}
