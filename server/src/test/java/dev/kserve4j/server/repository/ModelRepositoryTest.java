package dev.kserve4j.server.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kserve4j.common.ErrorKind;
import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.runtime.ModelLoadException;
import dev.kserve4j.runtime.ModelRuntimes;
import dev.kserve4j.server.config.ModelConfig;
import dev.kserve4j.server.metrics.InferenceMetrics;
import dev.kserve4j.testing.TestModels;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Adding, replacing and removing models at run time, with the real ONNX runtime. */
class ModelRepositoryTest {
  private ExecutorService executor;
  private ModelRepository repository;

  /** A test model's first input and first output as its framework gave them. */
  record Example(Tensor input, String output, double[] expected, double tolerance) {
    static Example of(String model) throws IOException {
      JsonNode doc = new ObjectMapper().readTree(TestModels.file(model, "expected.json").toFile());
      JsonNode in = doc.at("/inputs/0");
      float[] data = new float[in.get("data").size()];
      for (int i = 0; i < data.length; i++) {
        data[i] = (float) in.get("data").get(i).asDouble();
      }
      long[] shape = new long[in.get("shape").size()];
      for (int i = 0; i < shape.length; i++) {
        shape[i] = in.get("shape").get(i).asLong();
      }
      JsonNode out = doc.at("/outputs/0");
      double[] expected = new double[out.get("data").size()];
      for (int i = 0; i < expected.length; i++) {
        expected[i] = out.get("data").get(i).asDouble();
      }
      return new Example(
          Tensor.ofFloats(in.get("name").asText(), shape, data),
          out.get("name").asText(),
          expected,
          doc.get("tolerance").asDouble());
    }

    InferRequest request(String modelName) {
      return InferRequest.of(modelName, input);
    }

    /** Whether {@code response} holds this example's output, within the generator's tolerance. */
    boolean matches(InferResponse response) {
      Tensor t = response.output(output).orElse(null);
      if (t == null || t.size() != expected.length) {
        return false;
      }
      for (int i = 0; i < expected.length; i++) {
        if (Math.abs(t.getAsDouble(i) - expected[i]) > tolerance) {
          return false;
        }
      }
      return true;
    }
  }

  @BeforeEach
  void setUp() {
    executor = Executors.newFixedThreadPool(4);
    repository =
        new ModelRepository(
            ModelRuntimes.discover(getClass().getClassLoader()),
            List.of(),
            executor,
            new InferenceMetrics(new SimpleMeterRegistry()));
  }

  @AfterEach
  void tearDown() {
    repository.close();
    executor.shutdownNow();
  }

  private InferResponse infer(String name, Example example) {
    return repository
        .get(name)
        .require()
        .submit(example.request(name), executor)
        .orTimeout(60, TimeUnit.SECONDS)
        .join();
  }

  @Test
  void addLoadsTheModelAndItServes() throws IOException {
    Example iris = Example.of("iris-onnx");
    repository.add(ModelConfig.of("iris", TestModels.directory("iris-onnx")));

    assertThat(repository.get("iris").state()).isEqualTo(ModelState.READY);
    assertThat(iris.matches(infer("iris", iris))).isTrue();
  }

  @Test
  void addOfAnExistingNameIsRefusedNamingIt() {
    repository.add(ModelConfig.of("iris", TestModels.directory("iris-onnx")));

    assertThatThrownBy(
            () -> repository.add(ModelConfig.of("iris", TestModels.directory("mlp-onnx"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'iris'");
    assertThat(repository.get("iris").config().directory())
        .isEqualTo(TestModels.directory("iris-onnx"));
  }

  @Test
  void aFailedAddLeavesTheModelUnavailableWithItsReason(@TempDir Path dir) {
    Path missing = dir.resolve("missing");

    assertThatThrownBy(() -> repository.add(ModelConfig.of("gone", missing)))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining(missing.toString());
    ModelEntry entry = repository.get("gone");
    assertThat(entry.state()).isEqualTo(ModelState.UNAVAILABLE);
    assertThat(entry.reason()).contains(missing.toString());
  }

  @Test
  void replaceServesTheNewInstance() throws IOException {
    Example mlp = Example.of("mlp-onnx");
    repository.add(ModelConfig.of("m", TestModels.directory("iris-onnx")));

    repository.replace(ModelConfig.of("m", TestModels.directory("mlp-onnx")));

    assertThat(repository.get("m").config().directory())
        .isEqualTo(TestModels.directory("mlp-onnx"));
    assertThat(repository.get("m").require().metadata().inputs().get(0).name()).isEqualTo("input");
    assertThat(mlp.matches(infer("m", mlp))).isTrue();
  }

  @Test
  void aFailedReplaceKeepsTheOldInstanceServing(@TempDir Path dir) throws IOException {
    Example iris = Example.of("iris-onnx");
    repository.add(ModelConfig.of("iris", TestModels.directory("iris-onnx")));
    Files.writeString(dir.resolve("model.onnx"), "not an ONNX model");

    assertThatThrownBy(() -> repository.replace(ModelConfig.of("iris", dir).withFormat("onnx")))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("'iris'")
        .hasMessageContaining(dir.toString())
        .hasMessageContaining("keeps serving");
    assertThat(repository.get("iris").state()).isEqualTo(ModelState.READY);
    assertThat(repository.get("iris").config().directory())
        .isEqualTo(TestModels.directory("iris-onnx"));
    assertThat(iris.matches(infer("iris", iris))).isTrue();
  }

  @Test
  void replaceOrRemoveOfAnUnknownModelIs404() {
    assertThatThrownBy(
            () -> repository.replace(ModelConfig.of("nope", TestModels.directory("iris-onnx"))))
        .isInstanceOfSatisfying(
            KServeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND))
        .hasMessageContaining("'nope'");
    assertThatThrownBy(() -> repository.remove("nope"))
        .isInstanceOfSatisfying(
            KServeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND))
        .hasMessageContaining("'nope'");
  }

  @Test
  void removeClosesTheModelAndForgetsIt() throws IOException {
    Example iris = Example.of("iris-onnx");
    repository.add(ModelConfig.of("iris", TestModels.directory("iris-onnx")));
    LoadedModel held = repository.get("iris").require();

    repository.remove("iris");

    assertThat(repository.names()).isEmpty();
    assertThatThrownBy(() -> repository.get("iris"))
        .isInstanceOfSatisfying(
            KServeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
    assertThatThrownBy(() -> held.submit(iris.request("iris"), executor).join())
        .hasCauseInstanceOf(KServeException.class)
        .hasMessageContaining("unloaded");
    repository.add(ModelConfig.of("iris", TestModels.directory("iris-onnx")));
    assertThat(iris.matches(infer("iris", iris))).isTrue();
  }

  @Test
  void aRequestHoldingTheReplacedInstanceIsServedByItsSuccessor() throws IOException {
    Example iris = Example.of("iris-onnx");
    repository.add(ModelConfig.of("iris", TestModels.directory("iris-onnx")));
    LoadedModel held = repository.get("iris").require();

    repository.replace(ModelConfig.of("iris", TestModels.directory("iris-onnx")));

    assertThat(repository.get("iris").require()).isNotSameAs(held);
    assertThat(
            iris.matches(
                held.submit(iris.request("iris"), executor).orTimeout(60, TimeUnit.SECONDS).join()))
        .isTrue();
  }

  @Test
  void inferenceDuringReplacesNeverFails() throws Exception {
    Example iris = Example.of("iris-onnx");
    repository.add(ModelConfig.of("iris", TestModels.directory("iris-onnx")));
    int threads = 6;
    CountDownLatch started = new CountDownLatch(threads);
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger served = new AtomicInteger();
    AtomicInteger failures = new AtomicInteger();
    AtomicReference<Throwable> firstFailure = new AtomicReference<>();
    List<Thread> clients = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      clients.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    started.countDown();
                    while (!stop.get()) {
                      try {
                        if (!iris.matches(infer("iris", iris))) {
                          throw new AssertionError("wrong answer from the iris model");
                        }
                        served.incrementAndGet();
                      } catch (RuntimeException | AssertionError e) {
                        failures.incrementAndGet();
                        firstFailure.compareAndSet(null, e);
                      }
                    }
                  }));
    }
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    int replaces = 8;
    for (int i = 0; i < replaces; i++) {
      int before = served.get();
      repository.replace(ModelConfig.of("iris", TestModels.directory("iris-onnx")));
      // Let the clients run on each new instance before it is replaced in turn.
      await("the clients served by the new instance")
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(10))
          .until(() -> served.get() >= before + threads || failures.get() > 0);
    }
    stop.set(true);
    for (Thread c : clients) {
      c.join(10_000);
    }

    assertThat(firstFailure.get()).as("first failure").isNull();
    assertThat(failures.get()).isZero();
    assertThat(served.get()).isGreaterThanOrEqualTo(replaces * threads);
  }
}
