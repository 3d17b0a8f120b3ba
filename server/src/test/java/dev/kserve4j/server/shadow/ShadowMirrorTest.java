package dev.kserve4j.server.shadow;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.runtime.JsonReply;
import dev.kserve4j.server.JsonInference;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ShadowMirrorTest {
  private static final Duration DEADLINE = Duration.ofSeconds(10);
  private static final ShadowTarget TARGET =
      new ShadowTarget("ns", "iris", "iris-predictor-00001", "iris-predictor-00002");
  private static final JsonInference.Request REQUEST =
      new JsonInference.Request(
          "{\"instances\": [[1, 2]]}".getBytes(UTF_8), Map.of("x-request-id", "r1"));

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final List<ShadowMirror<?, ?>> mirrors = new ArrayList<>();

  @AfterEach
  void close() {
    mirrors.forEach(ShadowMirror::close);
  }

  private ShadowMirror<JsonInference.Request, JsonReply> json(
      ShadowSettings settings,
      Function<JsonInference.Request, CompletableFuture<JsonReply>> candidate) {
    var mirror =
        ShadowMirror.json(
            TARGET, settings, candidate, registry, null, new SplittableRandom(13)::nextDouble);
    mirrors.add(mirror);
    return mirror;
  }

  private static JsonReply reply(String body) {
    return JsonReply.json(200, body.getBytes(UTF_8));
  }

  private static ShadowOutcome outcome(CompletableFuture<ShadowOutcome> f) {
    await().atMost(DEADLINE).until(f::isDone);
    return f.join();
  }

  @Test
  void mirrorsTheConfiguredShareWithinBinomialBounds() {
    int n = 4000;
    double p = 0.25;
    AtomicInteger calls = new AtomicInteger();
    var mirror =
        json(
            new ShadowSettings(p * 100, 1e-6, n),
            r -> {
              calls.incrementAndGet();
              return CompletableFuture.completedFuture(reply("{\"predictions\": [1]}"));
            });
    List<CompletableFuture<ShadowOutcome>> outcomes = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      outcomes.add(mirror.offer(REQUEST, reply("{\"predictions\": [1]}")));
    }
    await().atMost(DEADLINE).until(() -> outcomes.stream().allMatch(CompletableFuture::isDone));
    long mirrored = outcomes.stream().filter(f -> f.join() == ShadowOutcome.AGREED).count();
    double sigma = Math.sqrt(n * p * (1 - p));
    assertThat((double) mirrored).isBetween(n * p - 5 * sigma, n * p + 5 * sigma);
    assertThat(calls.get()).isEqualTo((int) mirrored);
    assertThat(mirror.metrics().mirrored()).isEqualTo(mirrored);
    assertThat(mirror.metrics().agreement()).isEqualTo(mirrored);
    assertThat(
            outcomes.stream().filter(f -> f.join() == ShadowOutcome.NOT_SAMPLED).count() + mirrored)
        .isEqualTo(n);
  }

  @Test
  void zeroPercentNeverMirrorsAndHundredAlwaysDoes() {
    AtomicInteger calls = new AtomicInteger();
    Function<JsonInference.Request, CompletableFuture<JsonReply>> candidate =
        r -> {
          calls.incrementAndGet();
          return CompletableFuture.completedFuture(reply("{\"predictions\": [1]}"));
        };
    var none = json(ShadowSettings.of(0), candidate);
    for (int i = 0; i < 200; i++) {
      assertThat(none.offer(REQUEST, reply("{\"predictions\": [1]}")).join())
          .isEqualTo(ShadowOutcome.NOT_SAMPLED);
    }
    var all = json(new ShadowSettings(100, 1e-6, 500), candidate);
    List<CompletableFuture<ShadowOutcome>> outcomes = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      outcomes.add(all.offer(REQUEST, reply("{\"predictions\": [1]}")));
    }
    await().atMost(DEADLINE).until(() -> outcomes.stream().allMatch(CompletableFuture::isDone));
    assertThat(outcomes).allSatisfy(f -> assertThat(f.join()).isEqualTo(ShadowOutcome.AGREED));
    assertThat(calls.get()).isEqualTo(200);
  }

  @Test
  void theClientsAnswerCompletesWhileASlowCandidateIsStillRunning() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch candidateStarted = new CountDownLatch(1);
    List<JsonInference.Request> seen = new CopyOnWriteArrayList<>();
    var mirror =
        json(
            ShadowSettings.of(100),
            r ->
                CompletableFuture.supplyAsync(
                    () -> {
                      seen.add(r);
                      candidateStarted.countDown();
                      try {
                        release.await();
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                      return reply("{\"predictions\": [1]}");
                    }));
    CompletableFuture<JsonReply> stable = new CompletableFuture<>();
    CompletableFuture<JsonReply> client = mirror.after(REQUEST, stable);
    JsonReply stableReply = reply("{\"predictions\": [1]}");
    stable.complete(stableReply);

    assertThat(client).isCompletedWithValue(stableReply);
    assertThat(candidateStarted.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(mirror.inFlight()).isEqualTo(1);
    assertThat(mirror.metrics().agreement()).isZero();
    assertThat(seen).containsExactly(REQUEST);

    release.countDown();
    await().atMost(DEADLINE).until(() -> mirror.metrics().agreement() == 1);
    await().atMost(DEADLINE).until(() -> mirror.inFlight() == 0);
  }

  @Test
  void aCandidateThatBlocksInsideTheCallDoesNotDelayTheCaller() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    var mirror =
        json(
            ShadowSettings.of(100),
            r -> {
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return CompletableFuture.completedFuture(reply("{\"predictions\": [2]}"));
            });
    CompletableFuture<ShadowOutcome> outcome =
        mirror.offer(REQUEST, reply("{\"predictions\": [1]}"));
    assertThat(outcome).isNotDone();
    release.countDown();
    assertThat(outcome(outcome)).isEqualTo(ShadowOutcome.DISAGREED);
    assertThat(mirror.metrics().disagreement()).isEqualTo(1);
  }

  @Test
  void dropsAndCountsWhatExceedsTheInFlightBound() {
    List<CompletableFuture<JsonReply>> pending = new CopyOnWriteArrayList<>();
    var mirror =
        json(
            new ShadowSettings(100, 1e-6, 2),
            r -> {
              CompletableFuture<JsonReply> f = new CompletableFuture<>();
              pending.add(f);
              return f;
            });
    List<ShadowOutcome> immediate = new ArrayList<>();
    List<CompletableFuture<ShadowOutcome>> outcomes = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      CompletableFuture<ShadowOutcome> f = mirror.offer(REQUEST, reply("{\"predictions\": [1]}"));
      outcomes.add(f);
      if (f.isDone()) {
        immediate.add(f.join());
      }
    }
    assertThat(immediate)
        .containsExactly(ShadowOutcome.DROPPED, ShadowOutcome.DROPPED, ShadowOutcome.DROPPED);
    assertThat(mirror.metrics().dropped()).isEqualTo(3);
    assertThat(mirror.metrics().mirrored()).isEqualTo(2);
    assertThat(mirror.inFlight()).isEqualTo(2);

    await().atMost(DEADLINE).until(() -> pending.size() == 2);
    pending.forEach(f -> f.complete(reply("{\"predictions\": [1]}")));
    assertThat(outcome(outcomes.get(0))).isEqualTo(ShadowOutcome.AGREED);
    assertThat(outcome(outcomes.get(1))).isEqualTo(ShadowOutcome.AGREED);
    await().atMost(DEADLINE).until(() -> mirror.inFlight() == 0);

    CompletableFuture<ShadowOutcome> again = mirror.offer(REQUEST, reply("{\"predictions\": [1]}"));
    assertThat(again).isNotDone();
    assertThat(mirror.metrics().mirrored()).isEqualTo(3);
    await().atMost(DEADLINE).until(() -> pending.size() == 3);
    pending.get(2).complete(reply("{\"predictions\": [1]}"));
    assertThat(outcome(again)).isEqualTo(ShadowOutcome.AGREED);
  }

  @Test
  void candidateFailuresAreCountedAsErrorsAndTimed() {
    var status500 =
        json(
            ShadowSettings.of(100),
            r ->
                CompletableFuture.completedFuture(
                    JsonReply.json(500, "{\"error\": \"boom\"}".getBytes(UTF_8))));
    var failed =
        json(
            ShadowSettings.of(100),
            r -> CompletableFuture.failedFuture(new IllegalStateException("down")));
    var throwing =
        json(
            ShadowSettings.of(100),
            r -> {
              throw new IllegalStateException("cannot connect");
            });
    var nullFuture = json(ShadowSettings.of(100), r -> null);
    JsonReply ok = reply("{\"predictions\": [1]}");
    assertThat(outcome(status500.offer(REQUEST, ok))).isEqualTo(ShadowOutcome.CANDIDATE_ERROR);
    assertThat(outcome(failed.offer(REQUEST, ok))).isEqualTo(ShadowOutcome.CANDIDATE_ERROR);
    assertThat(outcome(throwing.offer(REQUEST, ok))).isEqualTo(ShadowOutcome.CANDIDATE_ERROR);
    assertThat(outcome(nullFuture.offer(REQUEST, ok))).isEqualTo(ShadowOutcome.CANDIDATE_ERROR);
    // all four mirrors share the target's meters
    assertThat(status500.metrics().candidateErrors()).isEqualTo(4);
    assertThat(status500.metrics().timedCalls()).isEqualTo(4);
    assertThat(status500.metrics().agreement() + status500.metrics().disagreement()).isZero();
    assertThat(
            status500.inFlight() + failed.inFlight() + throwing.inFlight() + nullFuture.inFlight())
        .isZero();
  }

  @Test
  void aStableFailureIsNotMirroredAndAFailedStableFutureReachesTheClientAsIs() {
    AtomicInteger calls = new AtomicInteger();
    var mirror =
        json(
            ShadowSettings.of(100),
            r -> {
              calls.incrementAndGet();
              return CompletableFuture.completedFuture(reply("{}"));
            });
    assertThat(
            mirror
                .offer(REQUEST, JsonReply.json(400, "{\"error\": \"bad\"}".getBytes(UTF_8)))
                .join())
        .isEqualTo(ShadowOutcome.STABLE_FAILED);
    CompletableFuture<JsonReply> stable = new CompletableFuture<>();
    CompletableFuture<JsonReply> client = mirror.after(REQUEST, stable);
    IllegalStateException boom = new IllegalStateException("stable down");
    stable.completeExceptionally(boom);
    assertThat(client).isCompletedExceptionally();
    assertThatThrownBy(client::join).hasCause(boom);
    assertThat(calls.get()).isZero();
    assertThat(mirror.metrics().mirrored()).isZero();
  }

  @Test
  void comparesWithTheConfiguredTolerance() {
    String stable = "{\"predictions\": [1.0, 200.0]}";
    String close = "{\"predictions\": [1.0000001, 200.00002]}";
    String far = "{\"predictions\": [1.00001, 200.0]}";
    assertThat(compare(ShadowSettings.of(100), stable, close)).isEqualTo(ShadowOutcome.AGREED);
    assertThat(compare(ShadowSettings.of(100), stable, far)).isEqualTo(ShadowOutcome.DISAGREED);
    assertThat(compare(new ShadowSettings(100, 1e-4, 8), stable, far))
        .isEqualTo(ShadowOutcome.AGREED);
    assertThat(compare(new ShadowSettings(100, 0, 8), stable, close))
        .isEqualTo(ShadowOutcome.DISAGREED);
  }

  @Test
  void comparesStringsAndBooleansExactlyAndV2OutputsByName() {
    ShadowSettings s = ShadowSettings.of(100);
    assertThat(compare(s, "{\"predictions\": [\"cat\"]}", "{\"predictions\": [\"Cat\"]}"))
        .isEqualTo(ShadowOutcome.DISAGREED);
    assertThat(compare(s, "{\"predictions\": [true]}", "{\"predictions\": [false]}"))
        .isEqualTo(ShadowOutcome.DISAGREED);
    String v2 =
        "{\"model_name\": \"a\", \"id\": \"1\", \"outputs\": [{\"name\": \"label\", \"datatype\":"
            + " \"INT64\", \"shape\": [2], \"data\": [1, 0]},{\"name\": \"p\", \"datatype\":"
            + " \"FP32\", \"shape\": [2, 2], \"data\": [0.25, 0.75, 0.5, 0.5]}]}";
    String reorderedNested =
        "{\"model_name\": \"b\", \"id\": \"2\", \"outputs\": [{\"name\": \"p\", \"datatype\":"
            + " \"FP64\", \"shape\": [2, 2], \"data\": [[0.25, 0.75], [0.5, 0.5]]},{\"name\":"
            + " \"label\", \"datatype\": \"INT64\", \"shape\": [2], \"data\": [1, 0]}]}";
    String otherShape = v2.replace("\"shape\": [2, 2]", "\"shape\": [4]");
    String missing =
        "{\"outputs\": [{\"name\": \"label\", \"datatype\": \"INT64\", \"shape\": [2], \"data\":"
            + " [1, 0]}]}";
    assertThat(compare(s, v2, reorderedNested)).isEqualTo(ShadowOutcome.AGREED);
    assertThat(compare(s, v2, otherShape)).isEqualTo(ShadowOutcome.DISAGREED);
    assertThat(compare(s, v2, missing)).isEqualTo(ShadowOutcome.DISAGREED);
    assertThat(compare(s, v2, "{\"predictions\": [1, 0]}")).isEqualTo(ShadowOutcome.DISAGREED);
  }

  @Test
  void numbersCompareRelativelyWithNaNAndInfinitiesExactly() {
    assertThat(OutputComparison.close(0, 0, 1e-6)).isTrue();
    assertThat(OutputComparison.close(1e9, 1e9 + 100, 1e-6)).isTrue();
    assertThat(OutputComparison.close(1e-9, 2e-9, 1e-6)).isFalse();
    assertThat(OutputComparison.close(Double.NaN, Double.NaN, 1e-6)).isTrue();
    assertThat(OutputComparison.close(Double.NaN, 1, 1e-6)).isFalse();
    assertThat(OutputComparison.close(Double.POSITIVE_INFINITY, 1e308, 1e-6)).isFalse();
    assertThat(OutputComparison.close(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, 0))
        .isTrue();
  }

  @Test
  void nonJsonAnswersCompareByteForByte() {
    var mirror =
        json(
            ShadowSettings.of(100),
            r ->
                CompletableFuture.completedFuture(
                    new JsonReply(200, "application/octet-stream", new byte[] {1, 2}, Map.of())));
    assertThat(
            outcome(
                mirror.offer(
                    REQUEST,
                    new JsonReply(200, "application/octet-stream", new byte[] {1, 2}, Map.of()))))
        .isEqualTo(ShadowOutcome.AGREED);
    assertThat(
            outcome(
                mirror.offer(
                    REQUEST,
                    new JsonReply(200, "application/octet-stream", new byte[] {1, 3}, Map.of()))))
        .isEqualTo(ShadowOutcome.DISAGREED);
  }

  @Test
  void mirrorsTensorRequestsAndComparesTensorsByName() {
    InferRequest request =
        InferRequest.of("iris", Tensor.ofFloats("input-0", new long[] {1, 2}, new float[] {1, 2}));
    InferResponse stable =
        InferResponse.of(
            "iris",
            List.of(
                Tensor.ofFloats("p", new long[] {1, 2}, new float[] {0.25f, 0.75f}),
                Tensor.ofLongs("label", new long[] {1}, new long[] {1})));
    List<InferRequest> seen = new CopyOnWriteArrayList<>();
    List<InferResponse> answers =
        List.of(
            InferResponse.of(
                "iris-v2",
                List.of(
                    Tensor.ofLongs("label", new long[] {1}, new long[] {1}),
                    Tensor.ofDoubles("p", new long[] {1, 2}, new double[] {0.25, 0.75}))),
            InferResponse.of(
                "iris-v2",
                List.of(
                    Tensor.ofLongs("label", new long[] {1}, new long[] {0}),
                    Tensor.ofFloats("p", new long[] {1, 2}, new float[] {0.25f, 0.75f}))));
    AtomicInteger next = new AtomicInteger();
    var mirror =
        ShadowMirror.tensors(
            TARGET,
            ShadowSettings.of(100),
            r -> {
              seen.add(r);
              return CompletableFuture.completedFuture(answers.get(next.getAndIncrement()));
            },
            registry);
    mirrors.add(mirror);
    assertThat(outcome(mirror.offer(request, stable))).isEqualTo(ShadowOutcome.AGREED);
    assertThat(outcome(mirror.offer(request, stable))).isEqualTo(ShadowOutcome.DISAGREED);
    assertThat(seen).containsExactly(request, request);
  }

  @Test
  void metricsCarryTheDocumentedNamesAndLabels() {
    var mirror =
        json(
            ShadowSettings.of(100),
            r -> CompletableFuture.completedFuture(reply("{\"predictions\": [1]}")));
    assertThat(outcome(mirror.offer(REQUEST, reply("{\"predictions\": [1]}"))))
        .isEqualTo(ShadowOutcome.AGREED);
    String scrape = registry.scrape();
    String labels =
        "inferenceservice=\"iris\",namespace=\"ns\",revision=\"iris-predictor-00002\","
            + "stable_revision=\"iris-predictor-00001\"";
    assertThat(scrape)
        .contains("kserve4j_shadow_mirrored_total{" + labels + "} 1")
        .contains("kserve4j_shadow_agreement_total{" + labels + "} 1")
        .contains("kserve4j_shadow_disagreement_total{" + labels + "} 0")
        .contains("kserve4j_shadow_dropped_total{" + labels + "} 0")
        .contains("kserve4j_shadow_candidate_errors_total{" + labels + "} 0")
        .contains("kserve4j_shadow_candidate_latency_seconds_count{" + labels + "} 1");
  }

  @Test
  void settingsRefuseValuesOutOfRangeSayingWhatIsExpected() {
    assertThatThrownBy(() -> new ShadowSettings(101, 1e-6, 1))
        .hasMessage("shadow percent 101.0 (expected a number from 0 to 100)");
    assertThatThrownBy(() -> new ShadowSettings(Double.NaN, 1e-6, 1))
        .hasMessageContaining("expected a number from 0 to 100");
    assertThatThrownBy(() -> new ShadowSettings(10, -1, 1))
        .hasMessage("shadow tolerance -1.0 (expected a finite number of at least 0)");
    assertThatThrownBy(() -> new ShadowSettings(10, 1e-6, 0))
        .hasMessage("shadow maxInFlight 0 (expected at least 1)");
  }

  private ShadowOutcome compare(ShadowSettings settings, String stable, String candidate) {
    var mirror = json(settings, r -> CompletableFuture.completedFuture(reply(candidate)));
    return outcome(mirror.offer(REQUEST, reply(stable)));
  }
}
