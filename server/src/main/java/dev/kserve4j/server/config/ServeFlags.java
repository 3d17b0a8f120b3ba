package dev.kserve4j.server.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The flags of {@code kserve4j serve} as picocli binds them: the command mixes this class in, and
 * {@link ServeOptions#parse} binds a runtime container's args with it, so both read the same flags
 * with the same defaults. {@link #toOptions()} turns what was bound into the checked value.
 */
public final class ServeFlags {
  @Option(
      names = "--model-dir",
      paramLabel = "DIR",
      description = "Directory with the model files.")
  Path modelDir;

  @Option(
      names = {"--model-name", "--model_name"},
      paramLabel = "NAME",
      description = "Name the model is served under (default: the directory's name).")
  String modelName;

  @Option(
      names = "--model-format",
      paramLabel = "FORMAT",
      description =
          "onnx, xgboost, lightgbm, sklearn, python (model.py), pmml, pytorch or"
              + " tensorflow; detected from the files when omitted.")
  String modelFormat;

  @Option(
      names = "--model-version",
      paramLabel = "VERSION",
      description = "Version the model is served as (optional).")
  String modelVersion;

  @Option(
      names = "--model-class",
      paramLabel = "CLASS",
      description =
          "Serves a Java model: a class extending dev.kserve4j.runtime.CustomModel"
              + " (format custom; --model-dir optional).")
  String modelClass;

  @Option(
      names = "--classpath",
      paramLabel = "PATH",
      description =
          "Jars and class directories holding --model-class, separated by"
              + " '${sys:path.separator}'.")
  String classpath;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "YAML file listing several models (see README).")
  Path config;

  @Option(
      names = "--model-repository",
      paramLabel = "DIR",
      description =
          "Directory whose subdirectories the repository API (POST"
              + " /v2/repository/models/{name}/load) loads by name; with --model-config, where"
              + " pulled models are put. Created when missing.")
  Path modelRepository;

  @Option(
      names = "--model-config",
      paramLabel = "FILE",
      description =
          "KServe's multi-model file (models.json, e.g. a mounted modelconfig ConfigMap), watched:"
              + " each entry's storageUri is pulled into --model-repository and loaded, entries"
              + " left out are unloaded.")
  Path modelConfig;

  @Option(
      names = {"--http-port", "--http_port"},
      defaultValue = "8080",
      description = "HTTP port for REST, gRPC and /metrics (default: ${DEFAULT-VALUE}).")
  int httpPort;

  @Option(
      names = {"--grpc-port", "--grpc_port"},
      defaultValue = "8081",
      description = "Dedicated gRPC port; -1 turns it off (default: ${DEFAULT-VALUE}).")
  int grpcPort;

  /**
   * The environment variable that replaces {@code --host}'s default: kserve4j's server image sets
   * it to {@code 0.0.0.0}, so that a container's {@code serve} is reachable from outside it without
   * {@code --host} in its args (KServe's custom containers pass only their own flags).
   */
  public static final String HOST_ENV = "KSERVE4J_HOST";

  @Option(
      names = "--host",
      defaultValue = "${env:" + HOST_ENV + ":-127.0.0.1}",
      description =
          "Address to bind (default: ${DEFAULT-VALUE}; the environment variable "
              + HOST_ENV
              + " sets the default, 0.0.0.0 in kserve4j's server image).")
  String host;

  @Option(
      names = "--max-request-bytes",
      defaultValue = "67108864",
      description = "Largest request body accepted; larger gets 413 (default: ${DEFAULT-VALUE}).")
  long maxRequestBytes;

  @Option(
      names = "--max-batch-size",
      description =
          "Turns on dynamic batching with this many rows per runtime call (off by" + " default).")
  Integer maxBatchSize;

  @Option(
      names = "--max-queue-delay-us",
      defaultValue = "100",
      description =
          "Batching: longest wait for more requests, in microseconds (default:"
              + " ${DEFAULT-VALUE}).")
  long maxQueueDelayMicros;

  @Option(
      names = "--batch-instances",
      defaultValue = "1",
      description = "Batching: batches that may run at once (default: ${DEFAULT-VALUE}).")
  int batchInstances;

  @Option(
      names = {"--predictor-host", "--predictor_host"},
      paramLabel = "HOST",
      description =
          "The predictor a transformer (a model with its own preprocess/postprocess and no"
              + " predict) or explainer calls, HOST or HOST:PORT (KServe's --predictor_host).")
  String predictorHost;

  @Option(
      names = "--protocol",
      paramLabel = "v1|v2|grpc-v2",
      description = "The protocol the predictor is called with (default: v1, as KServe's).")
  String protocol;

  @Option(
      names = {"--predictor-request-timeout-seconds", "--predictor_request_timeout_seconds"},
      defaultValue = "600",
      description = "Longest call to the predictor, in seconds (default: ${DEFAULT-VALUE}).")
  long predictorTimeoutSeconds;

  @Option(
      names = "--workers",
      description = "Threads running model calls (default: number of CPUs, at least 2).")
  Integer workers;

  @Option(
      names = "--drain-timeout",
      defaultValue = "30",
      description =
          "Seconds to wait for in-flight requests on shutdown; unloading takes at most"
              + " 3 s more, then the process exits whatever is still running, naming it on stderr"
              + " (default: ${DEFAULT-VALUE}).")
  long drainSeconds;

  @Option(
      names = "--device",
      paramLabel = "DEVICE",
      description =
          "Where ONNX and PyTorch models run: cpu (default), cuda or cuda:N; without a"
              + " usable GPU the model fails to load, naming why. Other formats run on the CPU.")
  String device;

  @Option(
      names = "--option",
      paramLabel = "KEY=VALUE",
      description =
          "Runtime option for the model, e.g. intraOpThreads=2 or nthread=1" + " (repeatable).")
  Map<String, String> options = new LinkedHashMap<>();

  /**
   * The bound flags as a checked value.
   *
   * @throws IllegalArgumentException naming the first flag whose value is out of range or that does
   *     not go with another, and what was expected
   */
  public ServeOptions toOptions() {
    if (protocol != null && !List.of("v1", "v2", "grpc-v2").contains(protocol)) {
      throw new IllegalArgumentException(
          "--protocol " + protocol + " (expected one of v1, v2, grpc-v2)");
    }
    return new ServeOptions(
        modelDir,
        modelName,
        modelFormat,
        modelVersion,
        modelClass,
        classpath,
        config,
        modelRepository,
        modelConfig,
        host,
        httpPort,
        grpcPort,
        maxRequestBytes,
        maxBatchSize,
        maxQueueDelayMicros,
        batchInstances,
        workers,
        drainSeconds,
        device,
        options,
        predictorHost,
        protocol == null ? "v1" : protocol,
        predictorTimeoutSeconds);
  }
}
