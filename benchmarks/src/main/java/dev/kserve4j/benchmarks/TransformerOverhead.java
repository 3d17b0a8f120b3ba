package dev.kserve4j.benchmarks;

import dev.kserve4j.runtime.CustomModel;
import dev.kserve4j.runtime.JsonReply;
import dev.kserve4j.runtime.ModelRuntimes;
import dev.kserve4j.runtime.TransformerStages;
import dev.kserve4j.server.JsonInference;
import dev.kserve4j.server.KServeServer;
import dev.kserve4j.server.config.ModelConfig;
import dev.kserve4j.server.config.ServerConfig;
import dev.kserve4j.server.transform.PredictorLink;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The in-process transformer hop: one server in this JVM serves the iris ONNX model as {@code iris}
 * and {@link IdentityTransformer} as {@code iris-t}, whose predictor is {@code iris} through a
 * {@link PredictorLink} calling {@link JsonInference#v1Predict} of the same server (no HTTP). Times
 * V1 {@code :predict} through {@code JsonInference} (the REST routes' implementation, with metrics
 * and the model-worker pool) on {@code iris} directly and on {@code iris-t}, one request at a time
 * on one thread, alternating in slices so that a change of machine load weighs on both. The
 * difference is what a transformer adds: its preprocess and postprocess on the worker pool (bodies
 * decoded and re-encoded for the steps), the link, and the chain's futures.
 *
 * <p>Usage: {@code TransformerOverhead MODEL_DIR SECONDS}; prints one line: {@code
 * direct_p50_us=... direct_p99_us=... transformer_p50_us=... transformer_p99_us=...
 * overhead_p50_us=... calls=...}, after a 3 s warm-up.
 */
public final class TransformerOverhead {
  private static final byte[] REQUEST =
      "{\"instances\":[[6.8,2.8,4.8,1.4]]}".getBytes(StandardCharsets.UTF_8);
  private static final Map<String, String> HEADERS = Map.of("x-request-id", "bench");

  private TransformerOverhead() {}

  public static void main(String[] args) throws Exception {
    Path modelDir = Path.of(args[0]);
    double seconds = Double.parseDouble(args[1]);
    Path empty = Files.createTempDirectory("kserve4j-identity-transformer");
    List<ModelConfig> models =
        List.of(
            new ModelConfig("iris", null, modelDir, "onnx", Map.of(), null),
            new ModelConfig(
                "iris-t",
                null,
                empty,
                "custom",
                Map.of(CustomModel.MODEL_CLASS_OPTION, IdentityTransformer.class.getName()),
                null));
    try (KServeServer server =
        KServeServer.start(
            ServerConfig.defaults(models).onEphemeralPorts(),
            ModelRuntimes.discover(TransformerOverhead.class.getClassLoader()))) {
      JsonInference inference = server.inference();
      server.predictorLinks().set("iris-t", new InProcessLink(inference, "iris"));
      Runnable direct = () -> check(inference.v1Predict("iris", REQUEST, HEADERS).join(), "iris");
      Runnable transformed =
          () -> check(inference.v1Predict("iris-t", REQUEST, HEADERS).join(), "iris-t");
      long warmEnd = System.nanoTime() + 3_000_000_000L;
      while (System.nanoTime() < warmEnd) {
        direct.run();
        transformed.run();
      }
      LatencyRecorder directTimes = new LatencyRecorder();
      LatencyRecorder transformerTimes = new LatencyRecorder();
      long end = System.nanoTime() + (long) (seconds * 1e9);
      while (System.nanoTime() < end) {
        time(direct, directTimes);
        time(transformed, transformerTimes);
      }
      System.out.printf(
          Locale.ROOT,
          "direct_p50_us=%.1f direct_p99_us=%.1f transformer_p50_us=%.1f transformer_p99_us=%.1f"
              + " overhead_p50_us=%.1f calls=%d%n",
          directTimes.percentileMicros(50),
          directTimes.percentileMicros(99),
          transformerTimes.percentileMicros(50),
          transformerTimes.percentileMicros(99),
          transformerTimes.percentileMicros(50) - directTimes.percentileMicros(50),
          transformerTimes.count());
    } finally {
      Files.deleteIfExists(empty);
    }
  }

  private static void time(Runnable call, LatencyRecorder times) {
    for (int i = 0; i < 500; i++) {
      long t0 = System.nanoTime();
      call.run();
      times.record(System.nanoTime() - t0);
    }
  }

  private static void check(JsonReply reply, String model) {
    if (reply.status() != 200) {
      throw new IllegalStateException(
          model
              + " answered "
              + reply.status()
              + ": "
              + new String(reply.body(), StandardCharsets.UTF_8));
    }
  }

  /** A predictor in the same process: V1 {@code :predict} of {@code model} through the server. */
  private record InProcessLink(JsonInference inference, String model) implements PredictorLink {
    @Override
    public TransformerStages.Protocol protocol() {
      return TransformerStages.Protocol.V1;
    }

    @Override
    public String name() {
      return "predictor '" + model + "' in this process";
    }

    @Override
    public CompletableFuture<JsonReply> call(
        String transformer, byte[] body, Map<String, String> headers) {
      return inference.v1Predict(model, body, headers);
    }
  }
}
