package dev.kserve4j.server.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kserve4j.common.ErrorKind;
import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.protocol.ModelMetadata;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.runtime.JsonPredictor;
import dev.kserve4j.runtime.JsonReply;
import dev.kserve4j.runtime.Model;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DrainingModelTest {

  /** Echoes its input once its gate opens; records whether it was closed during a call. */
  static final class GatedModel implements Model {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch gate = new CountDownLatch(1);
    volatile boolean running;
    volatile boolean closed;
    volatile boolean closedWhileRunning;

    @Override
    public ModelMetadata metadata() {
      return new ModelMetadata("gated", List.of(), "test", List.of(), List.of());
    }

    @Override
    public InferResponse predict(InferRequest request) {
      running = true;
      entered.countDown();
      try {
        gate.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      running = false;
      return InferResponse.of("gated", request.inputs());
    }

    /** Answers V1 bodies itself, through the same gate. */
    @Override
    public Optional<JsonPredictor> jsonPredictor() {
      return Optional.of(
          (body, headers) -> {
            predict(request());
            return JsonReply.json(200, body);
          });
    }

    @Override
    public void close() {
      closedWhileRunning = running;
      closed = true;
    }
  }

  private static InferRequest request() {
    return InferRequest.of("gated", Tensor.ofFloats("x", new long[] {1}, new float[] {1f}));
  }

  @Test
  void closeWaitsForTheCallInProgressAndLaterCallsAre503() throws Exception {
    GatedModel runtime = new GatedModel();
    DrainingModel model = new DrainingModel("gated", runtime, Duration.ofSeconds(10));
    CompletableFuture<InferResponse> call =
        CompletableFuture.supplyAsync(() -> model.predict(request()));
    assertThat(runtime.entered.await(5, TimeUnit.SECONDS)).isTrue();

    CompletableFuture<Void> closing = CompletableFuture.runAsync(model::close);
    assertThatThrownBy(() -> closing.get(200, TimeUnit.MILLISECONDS))
        .isInstanceOf(java.util.concurrent.TimeoutException.class);
    assertThat(runtime.closed).isFalse();

    runtime.gate.countDown();
    assertThat(call.get(5, TimeUnit.SECONDS).outputs()).isEqualTo(request().inputs());
    closing.get(5, TimeUnit.SECONDS);
    assertThat(runtime.closed).isTrue();
    assertThat(runtime.closedWhileRunning).isFalse();
    assertThatThrownBy(() -> model.predict(request()))
        .isInstanceOfSatisfying(
            KServeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE))
        .hasMessageContaining("'gated'");
  }

  @Test
  void aCallThatOutlastsTheDrainTimeoutLeavesTheRuntimeOpen() throws Exception {
    GatedModel runtime = new GatedModel();
    DrainingModel model = new DrainingModel("gated", runtime, Duration.ofMillis(50));
    CompletableFuture<InferResponse> call =
        CompletableFuture.supplyAsync(() -> model.predict(request()));
    assertThat(runtime.entered.await(5, TimeUnit.SECONDS)).isTrue();

    model.close();

    assertThat(runtime.closed).isFalse();
    runtime.gate.countDown();
    assertThat(call.get(5, TimeUnit.SECONDS).outputs()).isEqualTo(request().inputs());
  }

  @Test
  void callsOfTheModelsOwnJsonPredictorDrainAndLaterOnesAre503() throws Exception {
    GatedModel runtime = new GatedModel();
    DrainingModel model = new DrainingModel("gated", runtime, Duration.ofSeconds(10));
    JsonPredictor json = model.jsonPredictor().orElseThrow();
    byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
    CompletableFuture<JsonReply> call =
        CompletableFuture.supplyAsync(() -> json.predict(body, Map.of()));
    assertThat(runtime.entered.await(5, TimeUnit.SECONDS)).isTrue();

    CompletableFuture<Void> closing = CompletableFuture.runAsync(model::close);
    runtime.gate.countDown();

    assertThat(call.get(5, TimeUnit.SECONDS).body()).isEqualTo(body);
    closing.get(5, TimeUnit.SECONDS);
    assertThat(runtime.closed).isTrue();
    assertThat(runtime.closedWhileRunning).isFalse();
    assertThatThrownBy(() -> json.predict(body, Map.of()))
        .isInstanceOfSatisfying(
            KServeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE));
  }
}
