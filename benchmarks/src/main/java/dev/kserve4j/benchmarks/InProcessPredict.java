package dev.kserve4j.benchmarks;

import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.runtime.Model;
import dev.kserve4j.runtime.ModelRuntimeProvider;
import dev.kserve4j.runtime.ModelRuntimes;
import dev.kserve4j.runtime.ModelSpec;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The runtime's own predict latency for one request, measured in-process with no server: the
 * baseline the server's end-to-end latency is compared with.
 *
 * <p>Usage: {@code InProcessPredict MODEL_DIR INPUT_NAME ROWS FEATURES SECONDS [KEY=VALUE...]};
 * prints {@code p50_us=... p99_us=... calls=...}. The input is the same row the load generators
 * send; the optional {@code KEY=VALUE} pairs are the model's options, as {@code options:} in {@code
 * models.yaml} (e.g. {@code workers=1} for a Python model, whose predict is then the whole round
 * trip to one worker process without any HTTP).
 */
public final class InProcessPredict {
  private InProcessPredict() {}

  public static void main(String[] args) {
    Path dir = Path.of(args[0]);
    String input = args[1];
    int rows = Integer.parseInt(args[2]);
    int features = Integer.parseInt(args[3]);
    double seconds = Double.parseDouble(args[4]);
    Map<String, String> options = new LinkedHashMap<>();
    for (String pair : Arrays.asList(args).subList(5, args.length)) {
      int eq = pair.indexOf('=');
      if (eq < 1) {
        throw new IllegalArgumentException("option '" + pair + "' (expected KEY=VALUE)");
      }
      options.put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    ModelRuntimes runtimes = ModelRuntimes.discover(InProcessPredict.class.getClassLoader());
    ModelRuntimeProvider provider = runtimes.detect(dir);
    try (Model model = provider.load(new ModelSpec("bench", null, dir, options))) {
      Tensor x =
          Tensor.ofFloats(input, new long[] {rows, features}, BenchmarkInputs.rows(rows, features));
      long warmEnd = System.nanoTime() + 2_000_000_000L;
      while (System.nanoTime() < warmEnd) {
        model.predict("bench", x);
      }
      LatencyRecorder latencies = new LatencyRecorder();
      long end = System.nanoTime() + (long) (seconds * 1e9);
      while (System.nanoTime() < end) {
        long t0 = System.nanoTime();
        model.predict("bench", x);
        latencies.record(System.nanoTime() - t0);
      }
      System.out.printf(
          Locale.ROOT,
          "p50_us=%.1f p99_us=%.1f calls=%d%n",
          latencies.percentileMicros(50),
          latencies.percentileMicros(99),
          latencies.count());
    }
  }
}
