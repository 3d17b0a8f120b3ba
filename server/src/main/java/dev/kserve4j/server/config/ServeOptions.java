package dev.kserve4j.server.config;

import dev.kserve4j.runtime.CustomModel;
import dev.kserve4j.runtime.TransformerStages;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The command line of {@code kserve4j serve}, read once: the {@code serve} command binds its flags
 * with {@link ServeFlags}, and embedded mode reads a ServingRuntime container's args with {@link
 * #parse}, through the same flags, defaults and checks. Each component is the value of the flag of
 * the same name; absent optional flags are null.
 *
 * @param maxBatchSize rows per batched runtime call; null when batching is off (the default)
 * @param maxQueueDelayMicros batching: the longest wait for more requests, in microseconds
 * @param batchInstances batching: batches of the model that may run at once
 * @param workers threads that run model calls; null for the default (CPUs, at least 2)
 * @param drainSeconds how long shutdown waits for in-flight requests, in seconds
 * @param device where ONNX and PyTorch models run ({@code cpu}, {@code cuda}, {@code cuda:N}), or
 *     null for the runtime's default
 * @param options the runtime options given with {@code --option KEY=VALUE}
 * @param predictorHost the predictor a transformer or explainer calls ({@code host[:port]}), or
 *     null
 * @param protocol the protocol it is called with: {@code v1}, {@code v2} or {@code grpc-v2}
 * @param predictorTimeoutSeconds the longest call to the predictor, in seconds
 */
public record ServeOptions(
    Path modelDir,
    String modelName,
    String modelFormat,
    String modelVersion,
    String modelClass,
    String classpath,
    Path config,
    Path modelRepository,
    Path modelConfig,
    String host,
    int httpPort,
    int grpcPort,
    long maxRequestBytes,
    Integer maxBatchSize,
    long maxQueueDelayMicros,
    int batchInstances,
    Integer workers,
    long drainSeconds,
    String device,
    Map<String, String> options,
    String predictorHost,
    String protocol,
    long predictorTimeoutSeconds) {

  /** The runtime option that {@code --device} sets. */
  public static final String DEVICE_OPTION = "device";

  private static final java.util.regex.Pattern HOST_PORT =
      java.util.regex.Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:\\d{1,5})?");

  /**
   * Checks every value that needs no file system or runtime to judge.
   *
   * @throws IllegalArgumentException naming the first flag that is out of range or does not go with
   *     another, and what was expected
   */
  public ServeOptions {
    check(
        httpPort >= 0 && httpPort <= 65535,
        "--http-port",
        httpPort,
        "0..65535, 0 picks a free port");
    check(
        grpcPort >= -1 && grpcPort <= 65535, "--grpc-port", grpcPort, "-1..65535, -1 turns it off");
    check(maxRequestBytes >= 1, "--max-request-bytes", maxRequestBytes, ">= 1");
    check(maxBatchSize == null || maxBatchSize >= 1, "--max-batch-size", maxBatchSize, ">= 1");
    check(maxQueueDelayMicros >= 0, "--max-queue-delay-us", maxQueueDelayMicros, ">= 0");
    check(batchInstances >= 1, "--batch-instances", batchInstances, ">= 1");
    check(workers == null || workers >= 1, "--workers", workers, ">= 1");
    check(drainSeconds >= 0, "--drain-timeout", drainSeconds, ">= 0 seconds");
    check(
        device == null || device.matches("cpu|cuda|cuda:\\d{1,4}"),
        "--device",
        "'" + device + "'",
        "cpu, cuda or cuda:N");
    options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    check(
        predictorHost == null || HOST_PORT.matcher(predictorHost).matches(),
        "--predictor-host",
        "'" + predictorHost + "'",
        "HOST or HOST:PORT, e.g. iris-predictor.default or 127.0.0.1:8080");
    check(
        List.of("v1", "v2", "grpc-v2").contains(protocol),
        "--protocol",
        protocol,
        "one of v1, v2, grpc-v2");
    check(
        predictorTimeoutSeconds >= 1,
        "--predictor-request-timeout-seconds",
        predictorTimeoutSeconds,
        ">= 1");
    check(
        predictorHost == null || config == null,
        "--predictor-host",
        predictorHost + " with --config " + config,
        "--model-dir or --model-class, the one model that calls the predictor");
    if (config != null
        && (modelName != null
            || modelFormat != null
            || modelVersion != null
            || maxBatchSize != null
            || device != null
            || !options.isEmpty())) {
      throw new IllegalArgumentException(
          "--model-name, --model-format, --model-version,"
              + " --max-batch-size, --device and --option apply to --model-dir only; with --config "
              + config
              + " set them per model in that file");
    }
    if (config != null && modelDir != null) {
      throw new IllegalArgumentException("give either --config or --model-dir, not both");
    }
    if (config != null && (modelClass != null || classpath != null)) {
      throw new IllegalArgumentException(
          "--model-class and --classpath apply to a single model; with --config "
              + config
              + " give that model format: custom and options "
              + CustomModel.MODEL_CLASS_OPTION
              + " and "
              + CustomModel.CLASSPATH_OPTION
              + " in that file");
    }
    check(
        classpath == null || modelClass != null,
        "--classpath",
        "'" + classpath + "'",
        "used with --model-class CLASS, the class it holds");
    check(
        modelClass == null || !modelClass.isBlank(),
        "--model-class",
        "'" + modelClass + "'",
        "a fully qualified class name, e.g. com.acme.MyModel");
    check(
        modelClass == null || modelFormat == null || modelFormat.equalsIgnoreCase("custom"),
        "--model-format",
        "'" + modelFormat + "' with --model-class " + modelClass,
        "custom or no --model-format, as --model-class serves a custom model");
    check(
        modelConfig == null || modelRepository != null,
        "--model-config",
        modelConfig,
        "used with --model-repository DIR, where the models it lists are pulled");
  }

  /**
   * Reads {@code args} as {@code kserve4j serve} would (a leading {@code serve} is skipped), e.g.
   * the args of a ServingRuntime's container.
   *
   * @throws IllegalArgumentException for an unknown flag, a stray argument or a bad value, naming
   *     the flag and what was expected
   */
  public static ServeOptions parse(List<String> args) {
    List<String> flags =
        !args.isEmpty() && args.getFirst().equals("serve") ? args.subList(1, args.size()) : args;
    ServeFlags bound = new ServeFlags();
    // Args come from a resource, not a shell: "@name" is a value, never a file to read.
    CommandLine line = new CommandLine(bound).setExpandAtFiles(false);
    try {
      line.parseArgs(flags.toArray(String[]::new));
    } catch (UnmatchedArgumentException e) {
      List<String> suggestions = e.getSuggestions();
      throw new IllegalArgumentException(
          e.getMessage()
              + " (expected: flags of kserve4j serve"
              + (suggestions.isEmpty() ? "" : ", e.g. " + String.join(" or ", suggestions))
              + ")",
          e);
    } catch (ParameterException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    return bound.toOptions();
  }

  /**
   * The model's runtime options: {@code --option}s, {@code device} when {@code --device}, and the
   * predictor ({@code TransformerStages}' {@code predictorHost}, {@code predictorProtocol} and
   * {@code predictorTimeoutSeconds}) when {@code --predictor-host}.
   */
  public Map<String, String> modelOptions() {
    if (device == null && predictorHost == null) {
      return options;
    }
    Map<String, String> all = new LinkedHashMap<>(options);
    if (device != null) {
      all.put(DEVICE_OPTION, device);
    }
    if (predictorHost != null) {
      all.put(TransformerStages.PREDICTOR_HOST_OPTION, predictorHost);
      all.put(TransformerStages.PREDICTOR_PROTOCOL_OPTION, protocol);
      all.put(TransformerStages.PREDICTOR_TIMEOUT_OPTION, Long.toString(predictorTimeoutSeconds));
    }
    return all;
  }

  /**
   * The name {@code --model-class} is served under: {@code --model-name}, else the class's simple
   * name in lower case ({@code com.acme.MyModel} is {@code mymodel}).
   *
   * @throws IllegalStateException without {@code --model-class}
   */
  public String customModelName() {
    if (modelClass == null) {
      throw new IllegalStateException("no --model-class");
    }
    String className = modelClass.trim();
    String simpleName =
        className.substring(Math.max(className.lastIndexOf('.'), className.lastIndexOf('$')) + 1);
    return modelName != null ? modelName : simpleName.toLowerCase(Locale.ROOT);
  }

  /**
   * The model of {@code --model-class} with its files in {@code directory}: format {@code custom},
   * the class and {@code --classpath} as its options ({@link CustomModel#MODEL_CLASS_OPTION},
   * {@link CustomModel#CLASSPATH_OPTION}) beside {@link #modelOptions}, named {@link
   * #customModelName}.
   *
   * @throws IllegalStateException without {@code --model-class}
   */
  public ModelConfig customModel(Path directory) {
    String name = customModelName();
    Map<String, String> custom = new LinkedHashMap<>(modelOptions());
    custom.put(CustomModel.MODEL_CLASS_OPTION, modelClass.trim());
    if (classpath != null) {
      custom.put(CustomModel.CLASSPATH_OPTION, classpath);
    }
    return new ModelConfig(name, modelVersion, directory, "custom", custom, batching());
  }

  /** Dynamic batching as the flags set it, or null when {@code --max-batch-size} is absent. */
  public BatchingConfig batching() {
    return maxBatchSize == null
        ? null
        : new BatchingConfig(maxBatchSize, maxQueueDelayMicros, batchInstances);
  }

  /** How the server listens, serving {@code models}. */
  public ServerConfig serverConfig(List<ModelConfig> models) {
    int threads = workers != null ? workers : ServerConfig.defaults(models).workerThreads();
    return new ServerConfig(
        host,
        httpPort,
        grpcPort,
        maxRequestBytes,
        Duration.ofSeconds(drainSeconds),
        threads,
        models,
        modelRepository);
  }

  private static void check(boolean ok, String flag, Object value, String expected) {
    if (!ok) {
      throw new IllegalArgumentException(flag + ": " + value + " (expected: " + expected + ")");
    }
  }
}
