package dev.kserve4j.local;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.api.v1beta1.Batcher;
import dev.kserve4j.plan.BatcherArgs;
import dev.kserve4j.server.config.BatchingConfig;
import dev.kserve4j.server.config.ServeOptions;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * How embedded mode runs a predictor's model in-process: what its runtime container would have been
 * told on the command line of {@code kserve4j serve}, read back from the container's args by the
 * command's own parser ({@link ServeOptions#parse}), so they mean here what they mean in a pod.
 *
 * <p>Of those flags, the ones that shape one model are used: {@code --model-format}, {@code
 * --option KEY=VALUE}, {@code --device}, {@code --max-batch-size}, {@code --max-queue-delay-us} and
 * {@code --batch-instances}. Process-level flags ({@code --http-port}, {@code --model-dir}, ...)
 * have no meaning inside one shared process; they are checked as the command checks them and
 * otherwise ignored.
 *
 * @param format the kserve4j model format, or null to detect it from the model's files (a custom
 *     container's {@code serve} without {@code --model-format})
 * @param options runtime options for the model
 * @param batching dynamic batching, or null when off
 */
record EmbeddedLaunch(String format, Map<String, String> options, BatchingConfig batching) {
  EmbeddedLaunch {
    options = Map.copyOf(requireNonNull(options, "options"));
  }

  /** The model-shaping flags of {@code serve}: format, options and device, batching. */
  static EmbeddedLaunch of(ServeOptions serve) {
    return new EmbeddedLaunch(serve.modelFormat(), serve.modelOptions(), serve.batching());
  }

  /**
   * Reads {@code args}; null when they name no {@code --model-format}.
   *
   * @throws IllegalArgumentException when an arg is not a flag of {@code kserve4j serve} or has a
   *     bad value, naming it and what was expected
   */
  static EmbeddedLaunch fromArgs(List<String> args) {
    ServeOptions serve;
    try {
      serve = ServeOptions.parse(args);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("container args: " + e.getMessage(), e);
    }
    if (serve.modelFormat() == null || serve.modelFormat().isBlank()) {
      return null;
    }
    return of(serve);
  }

  /**
   * The same launch with the InferenceService's {@code batcher} applied, as KServe's batcher
   * sidecar would batch in front of the model: {@code maxBatchSize} rows, waiting at most {@code
   * maxLatency} milliseconds, KServe's defaults for unset fields.
   */
  EmbeddedLaunch withBatcher(Batcher batcher) {
    if (batcher == null) {
      return this;
    }
    int instances = batching == null ? 1 : batching.instances();
    return new EmbeddedLaunch(
        format,
        options,
        new BatchingConfig(
            BatcherArgs.maxBatchSize(batcher),
            BatcherArgs.maxQueueDelayMicros(batcher),
            instances));
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
    if (resources == null
        || format == null
        || options.containsKey(ServeOptions.DEVICE_OPTION)
        || !DEVICE_FORMATS.contains(format)) {
      return this;
    }
    boolean gpu =
        Stream.of(resources.getLimits(), resources.getRequests())
            .filter(Objects::nonNull)
            .map(m -> m.get(GPU_RESOURCE))
            .filter(Objects::nonNull)
            .anyMatch(q -> q.getNumericalAmount().signum() > 0);
    if (!gpu) {
      return this;
    }
    Map<String, String> withDevice = new LinkedHashMap<>(options);
    withDevice.put(ServeOptions.DEVICE_OPTION, "cuda");
    return new EmbeddedLaunch(format, withDevice, batching);
  }
}
