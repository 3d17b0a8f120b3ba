package dev.kserve4j.local;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.api.v1beta1.Batcher;
import dev.kserve4j.server.config.BatchingConfig;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * How embedded mode runs a predictor's model in-process: what its runtime container would have been
 * told on the command line of {@code kserve4j serve}, read back from the container's args.
 *
 * <p>The args understood are those of {@code kserve4j serve} that shape one model:
 * {@code --model-format}, {@code --option KEY=VALUE} (repeatable), {@code --max-batch-size},
 * {@code --max-queue-delay-us} and {@code --batch-instances}; each as {@code --flag=value} or
 * {@code --flag value}. Process-level flags ({@code --http-port}, {@code --model-dir}, ...) have no
 * meaning inside one shared process and are ignored.
 *
 * @param format the kserve4j model format
 * @param options runtime options for the model
 * @param batching dynamic batching, or null when off
 */
record EmbeddedLaunch(String format, Map<String, String> options, BatchingConfig batching) {
  /** KServe's batcher defaults: 32 instances, 5000 ms ({@code docs/samples/batcher}). */
  static final int KSERVE_DEFAULT_MAX_BATCH_SIZE = 32;
  static final int KSERVE_DEFAULT_MAX_LATENCY_MS = 5000;

  EmbeddedLaunch {
    requireNonNull(format, "format");
    options = Map.copyOf(options);
  }

  /**
   * Reads {@code args}; null when they name no {@code --model-format}.
   *
   * @throws IllegalArgumentException when an understood flag has a malformed value, naming it
   */
  static EmbeddedLaunch fromArgs(List<String> args) {
    String format = null;
    Map<String, String> options = new LinkedHashMap<>();
    Integer maxBatchSize = null;
    long delayMicros = 100;
    int instances = 1;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("--")) {
        continue;
      }
      int eq = arg.indexOf('=');
      String flag = eq < 0 ? arg : arg.substring(0, eq);
      boolean takesValue = switch (flag) {
        case "--model-format", "--option", "--max-batch-size", "--max-queue-delay-us",
            "--batch-instances" -> true;
        default -> false;
      };
      if (!takesValue) {
        continue;
      }
      String value = eq >= 0 ? arg.substring(eq + 1) : i + 1 < args.size() ? args.get(++i) : "";
      switch (flag) {
        case "--model-format" -> format = value.isBlank() ? null : value;
        case "--option" -> {
          int sep = value.indexOf('=');
          if (sep <= 0) {
            throw new IllegalArgumentException("container arg --option '" + value
                + "': expected KEY=VALUE, e.g. --option=intraOpThreads=2");
          }
          options.put(value.substring(0, sep), value.substring(sep + 1));
        }
        case "--max-batch-size" -> maxBatchSize = positive(flag, value);
        case "--max-queue-delay-us" -> delayMicros = positive(flag, value);
        case "--batch-instances" -> instances = positive(flag, value);
        default -> throw new IllegalStateException(flag);
      }
    }
    if (format == null) {
      return null;
    }
    BatchingConfig batching = maxBatchSize == null ? null
        : new BatchingConfig(maxBatchSize, delayMicros, instances);
    return new EmbeddedLaunch(format, options, batching);
  }

  /**
   * The same launch with the InferenceService's {@code batcher} applied, as KServe's batcher
   * sidecar would batch in front of the model: {@code maxBatchSize} rows, waiting at most
   * {@code maxLatency} milliseconds, KServe's defaults for unset fields.
   */
  EmbeddedLaunch withBatcher(Batcher batcher) {
    if (batcher == null) {
      return this;
    }
    int size = batcher.maxBatchSize() == null ? KSERVE_DEFAULT_MAX_BATCH_SIZE : batcher.maxBatchSize();
    int latencyMs = batcher.maxLatency() == null ? KSERVE_DEFAULT_MAX_LATENCY_MS : batcher.maxLatency();
    int instances = batching == null ? 1 : batching.instances();
    return new EmbeddedLaunch(format, options,
        new BatchingConfig(size, latencyMs * 1000L, instances));
  }

  /** The Kubernetes resource name of NVIDIA GPUs, as KServe users request them. */
  static final String GPU_RESOURCE = "nvidia.com/gpu";
  /** The formats whose runtimes place a model on a device (option {@code device}). */
  private static final Set<String> DEVICE_FORMATS = Set.of("onnx", "pytorch");

  /**
   * The same launch on {@code cuda} when the container asks for an NVIDIA GPU (limits or requests
   * of {@code nvidia.com/gpu} at least 1) and the runtime's args chose no device: what the GPU
   * would be used for in a cluster. Only ONNX and PyTorch models are placed on a device; other
   * formats run on the CPU, as their kserve4j runtimes have no GPU path.
   */
  EmbeddedLaunch withGpuResources(ResourceRequirements resources) {
    if (resources == null || options.containsKey("device") || !DEVICE_FORMATS.contains(format)) {
      return this;
    }
    boolean gpu = Stream.of(resources.getLimits(), resources.getRequests())
        .filter(Objects::nonNull)
        .map(m -> m.get(GPU_RESOURCE))
        .filter(Objects::nonNull)
        .anyMatch(q -> q.getNumericalAmount().signum() > 0);
    if (!gpu) {
      return this;
    }
    Map<String, String> withDevice = new LinkedHashMap<>(options);
    withDevice.put("device", "cuda");
    return new EmbeddedLaunch(format, withDevice, batching);
  }

  private static int positive(String flag, String value) {
    try {
      int n = Integer.parseInt(value.trim());
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("container arg " + flag + " '" + value
        + "': expected a positive integer");
  }
}
