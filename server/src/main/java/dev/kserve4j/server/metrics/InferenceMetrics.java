package dev.kserve4j.server.metrics;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Per-model request metrics, exposed in Prometheus format on {@code /metrics}.
 *
 * <ul>
 *   <li>{@code request_predict_seconds} (histogram, label {@code model_name}): time in the model,
 *       KServe's metric name for the predict step;
 *   <li>{@code kserve4j_request_duration_seconds} (histogram, labels {@code model_name}, {@code
 *       protocol}): end-to-end time inside the server;
 *   <li>{@code kserve4j_inference_requests_total} (counter, labels {@code model_name}, {@code
 *       protocol}, {@code outcome} = success|client_error|server_error);
 *   <li>{@code kserve4j_batch_size} (summary, label {@code model_name}): rows per runtime call.
 * </ul>
 *
 * <p>Text generation through the OpenAI API ({@link GenerationMetrics}, label {@code model_name}):
 *
 * <ul>
 *   <li>{@code kserve4j_generation_queue_wait_seconds} (histogram): from accepting the request to
 *       calling the model's generator;
 *   <li>{@code kserve4j_generation_time_to_first_token_seconds} (histogram): from accepting the
 *       request to the first generated token (includes the queue wait and the prompt's prefill);
 *   <li>{@code kserve4j_generation_inter_token_latency_seconds} (histogram): between consecutive
 *       tokens of one generation;
 *   <li>{@code kserve4j_generation_duration_seconds} (histogram): time in the generator;
 *   <li>{@code kserve4j_generation_tokens_per_second} (histogram): generated tokens per second of
 *       one generation;
 *   <li>{@code kserve4j_generation_prompt_tokens_total}, {@code
 *       kserve4j_generation_completion_tokens_total} (counters);
 *   <li>{@code kserve4j_generation_active_requests}, {@code kserve4j_generation_waiting_requests}
 *       (gauges): generations inside the generator, and accepted ones waiting for a thread.
 * </ul>
 *
 * Each OpenAI request is also counted in {@code kserve4j_inference_requests_total} and {@code
 * kserve4j_request_duration_seconds} with {@code protocol="openai"}.
 */
public final class InferenceMetrics {
  private static final Duration MIN = Duration.ofNanos(10_000);
  private static final Duration MAX = Duration.ofSeconds(30);

  private final MeterRegistry registry;
  private final ConcurrentHashMap<String, Timer> predictTimers = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Timer> requestTimers = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Counter> counters = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, DistributionSummary> batchSizes =
      new ConcurrentHashMap<>();

  public InferenceMetrics(MeterRegistry registry) {
    this.registry = requireNonNull(registry, "registry");
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** Records the time one model call took. */
  public void recordPredict(String model, long nanos) {
    predictTimers
        .computeIfAbsent(
            model,
            m ->
                Timer.builder("request_predict")
                    .description("Time spent in the model's predict step")
                    .tag("model_name", m)
                    .publishPercentileHistogram()
                    .minimumExpectedValue(MIN)
                    .maximumExpectedValue(MAX)
                    .register(registry))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  /** Records one finished request of {@code protocol} (v1, v2-rest, v2-grpc). */
  public void recordRequest(String model, String protocol, Outcome outcome, long nanos) {
    String key = model + '\0' + protocol;
    requestTimers
        .computeIfAbsent(
            key,
            k ->
                Timer.builder("kserve4j_request_duration")
                    .description("End-to-end request time inside the server")
                    .tag("model_name", model)
                    .tag("protocol", protocol)
                    .publishPercentileHistogram()
                    .minimumExpectedValue(MIN)
                    .maximumExpectedValue(MAX)
                    .register(registry))
        .record(nanos, TimeUnit.NANOSECONDS);
    counters
        .computeIfAbsent(
            key + '\0' + outcome,
            k ->
                Counter.builder("kserve4j_inference_requests")
                    .description("Inference requests by model, protocol and outcome")
                    .tag("model_name", model)
                    .tag("protocol", protocol)
                    .tag("outcome", outcome.label())
                    .register(registry))
        .increment();
  }

  /** Records how many rows one runtime call carried. */
  public void recordBatch(String model, long rows) {
    batchSizes
        .computeIfAbsent(
            model,
            m ->
                DistributionSummary.builder("kserve4j_batch_size")
                    .description("Rows per runtime call")
                    .tag("model_name", m)
                    .register(registry))
        .record(rows);
  }

  /** How a request ended, for the request counter. */
  public enum Outcome {
    SUCCESS("success"),
    CLIENT_ERROR("client_error"),
    SERVER_ERROR("server_error");

    private final String label;

    Outcome(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }
}
