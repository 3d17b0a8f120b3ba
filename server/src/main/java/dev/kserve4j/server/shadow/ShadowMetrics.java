package dev.kserve4j.server.shadow;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The meters of one {@link ShadowTarget}, labelled {@code namespace}, {@code inferenceservice},
 * {@code revision} (the candidate) and {@code stable_revision}, in Prometheus form:
 *
 * <ul>
 *   <li>{@code kserve4j_shadow_mirrored_total}: requests sent to the candidate;
 *   <li>{@code kserve4j_shadow_dropped_total}: requests drawn but not sent, because the in-flight
 *       bound was reached;
 *   <li>{@code kserve4j_shadow_agreement_total}: candidate answers with the stable revision's
 *       outputs, within the tolerance;
 *   <li>{@code kserve4j_shadow_disagreement_total}: successful candidate answers with other
 *       outputs;
 *   <li>{@code kserve4j_shadow_candidate_errors_total}: candidate calls that failed (an exception
 *       or a non-2xx answer);
 *   <li>{@code kserve4j_shadow_candidate_latency_seconds} (histogram): from sending a mirrored
 *       request to the candidate's answer or failure.
 * </ul>
 */
public final class ShadowMetrics {
  private final Counter mirrored;
  private final Counter dropped;
  private final Counter agreement;
  private final Counter disagreement;
  private final Counter candidateErrors;
  private final Timer candidateLatency;

  /** Registers (or finds) the meters of {@code target} in {@code registry}. */
  public ShadowMetrics(MeterRegistry registry, ShadowTarget target) {
    requireNonNull(registry, "registry");
    Tags tags =
        Tags.of(
            "namespace", target.namespace(),
            "inferenceservice", target.inferenceService(),
            "revision", target.candidateRevision(),
            "stable_revision", target.stableRevision());
    mirrored = counter(registry, "mirrored", tags, "Requests mirrored to the candidate revision");
    dropped =
        counter(registry, "dropped", tags, "Mirrored requests dropped at the in-flight bound");
    agreement =
        counter(registry, "agreement", tags, "Candidate answers agreeing with the stable one");
    disagreement =
        counter(registry, "disagreement", tags, "Candidate answers differing from the stable one");
    candidateErrors =
        counter(registry, "candidate_errors", tags, "Mirrored requests the candidate failed");
    candidateLatency =
        Timer.builder("kserve4j_shadow_candidate_latency")
            .description("Time the candidate revision took to answer a mirrored request")
            .tags(tags)
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofNanos(10_000))
            .maximumExpectedValue(Duration.ofSeconds(30))
            .register(registry);
  }

  private static Counter counter(MeterRegistry registry, String what, Tags tags, String help) {
    return Counter.builder("kserve4j_shadow_" + what)
        .description(help)
        .tags(tags)
        .register(registry);
  }

  /** Requests sent to the candidate so far. */
  public long mirrored() {
    return (long) mirrored.count();
  }

  /** Requests drawn but dropped at the in-flight bound so far. */
  public long dropped() {
    return (long) dropped.count();
  }

  /** Candidate answers that agreed so far. */
  public long agreement() {
    return (long) agreement.count();
  }

  /** Candidate answers that disagreed so far. */
  public long disagreement() {
    return (long) disagreement.count();
  }

  /** Candidate failures so far. */
  public long candidateErrors() {
    return (long) candidateErrors.count();
  }

  /** Candidate answers and failures timed so far. */
  public long timedCalls() {
    return candidateLatency.count();
  }

  void countMirrored() {
    mirrored.increment();
  }

  void countDropped() {
    dropped.increment();
  }

  void record(ShadowOutcome outcome, long nanos) {
    candidateLatency.record(nanos, TimeUnit.NANOSECONDS);
    switch (outcome) {
      case AGREED -> agreement.increment();
      case DISAGREED -> disagreement.increment();
      case CANDIDATE_ERROR -> candidateErrors.increment();
      default -> throw new IllegalArgumentException("not a candidate outcome: " + outcome);
    }
  }
}
