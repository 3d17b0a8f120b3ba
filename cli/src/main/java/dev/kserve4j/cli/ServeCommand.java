package dev.kserve4j.cli;

import dev.kserve4j.runtime.ModelRuntimes;
import dev.kserve4j.runtime.custom.CustomRuntimeProvider;
import dev.kserve4j.server.KServeServer;
import dev.kserve4j.server.agent.ModelAgent;
import dev.kserve4j.server.agent.ModelPuller;
import dev.kserve4j.server.agent.RepositoryClient;
import dev.kserve4j.server.config.BatchingConfig;
import dev.kserve4j.server.config.ModelConfig;
import dev.kserve4j.server.config.ModelsFile;
import dev.kserve4j.server.config.ServerConfig;
import dev.kserve4j.storage.ModelStorage;
import dev.kserve4j.storage.StorageConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kserve4j serve}: loads one model (or a models file) and serves it until stopped. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serves a model directory (or several models from --config) over V1, V2 REST and V2 gRPC.",
      "With --model-repository (and --model-config, KServe's models.json) models are also loaded at run time.",
      "Stops on SIGTERM or Ctrl-C: stops accepting, drains in-flight requests, exits 0; what is"
          + " still running " + ShutdownSequence.CLEANUP_SECONDS + " s after --drain-timeout is"
          + " given up, named on stderr, and the process exits 1."
    })
public final class ServeCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--model-dir", paramLabel = "DIR", description = "Directory with the model files.")
  Path modelDir;

  @Option(names = "--model-name", paramLabel = "NAME", description = "Name the model is served under (default: the directory's name).")
  String modelName;

  @Option(names = "--model-format", paramLabel = "FORMAT", description = "onnx, xgboost, lightgbm, sklearn, python (model.py), pmml, pytorch or tensorflow; detected from the files when omitted.")
  String modelFormat;

  @Option(names = "--model-version", paramLabel = "VERSION", description = "Version the model is served as (optional).")
  String modelVersion;

  @Option(names = "--model-class", paramLabel = "CLASS", description = "Serves a Java model: a class extending dev.kserve4j.runtime.CustomModel (format custom; --model-dir optional).")
  String modelClass;

  @Option(names = "--classpath", paramLabel = "PATH", description = "Jars and class directories holding --model-class, separated by '${sys:path.separator}'.")
  String classpath;

  @Option(names = "--config", paramLabel = "FILE", description = "YAML file listing several models (see README).")
  Path config;

  @Option(names = "--model-repository", paramLabel = "DIR", description = "Directory whose subdirectories the repository API (POST /v2/repository/models/{name}/load) loads by name; with --model-config, where pulled models are put. Created when missing.")
  Path modelRepository;

  @Option(names = "--model-config", paramLabel = "FILE", description = "KServe's multi-model file (models.json, e.g. a mounted modelconfig ConfigMap), watched: each entry's storageUri is pulled into --model-repository and loaded, entries left out are unloaded.")
  Path modelConfig;

  @Option(names = "--http-port", defaultValue = "8080", description = "HTTP port for REST, gRPC and /metrics (default: ${DEFAULT-VALUE}).")
  int httpPort;

  @Option(names = "--grpc-port", defaultValue = "8081", description = "Dedicated gRPC port; -1 turns it off (default: ${DEFAULT-VALUE}).")
  int grpcPort;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--max-request-bytes", defaultValue = "67108864", description = "Largest request body accepted; larger gets 413 (default: ${DEFAULT-VALUE}).")
  long maxRequestBytes;

  @Option(names = "--max-batch-size", description = "Turns on dynamic batching with this many rows per runtime call (off by default).")
  Integer maxBatchSize;

  @Option(names = "--max-queue-delay-us", defaultValue = "100", description = "Batching: longest wait for more requests, in microseconds (default: ${DEFAULT-VALUE}).")
  long maxQueueDelayMicros;

  @Option(names = "--batch-instances", defaultValue = "1", description = "Batching: batches that may run at once (default: ${DEFAULT-VALUE}).")
  int batchInstances;

  @Option(names = "--workers", description = "Threads running model calls (default: number of CPUs, at least 2).")
  Integer workers;

  @Option(names = "--drain-timeout", paramLabel = "SECONDS", defaultValue = "30",
      description = "Seconds to wait for in-flight requests on shutdown; unloading takes at most "
          + ShutdownSequence.CLEANUP_SECONDS + " s more, then the process exits whatever is still"
          + " running, naming it on stderr (default: ${DEFAULT-VALUE}).")
  long drainSeconds;

  @Option(names = "--device", paramLabel = "DEVICE", description = "Where ONNX and PyTorch models run: cpu (default), cuda or cuda:N; without a usable GPU the model fails to load, naming why. Other formats run on the CPU.")
  String device;

  @Option(names = "--option", paramLabel = "KEY=VALUE", description = "Runtime option for the model, e.g. intraOpThreads=2 or nthread=1 (repeatable).")
  java.util.Map<String, String> options = new java.util.LinkedHashMap<>();

  @Override
  public Integer call() {
    long startNanos = System.nanoTime();
    ModelRuntimes runtimes = ModelRuntimes.discover(getClass().getClassLoader());
    checkFlags(runtimes);
    ServerConfig serverConfig = serverConfig(models());
    // Handlers go in before the models load, so a stop during loading also exits 0 (nothing to drain).
    AtomicReference<KServeServer> started = new AtomicReference<>();
    List<ModelAgent> agents = new java.util.concurrent.CopyOnWriteArrayList<>();
    CountDownLatch stopped = new CountDownLatch(1);
    AtomicInteger status = new AtomicInteger();
    SignalHandlers.onTerminate(() -> {
      KServeServer running = started.get();
      if (running == null) {
        System.exit(0);
      }
      log.info("shutting down: draining in-flight requests (at most {} s)", drainSeconds);
      ShutdownSequence shutdown =
          ShutdownSequence.of(Duration.ofSeconds(drainSeconds + ShutdownSequence.CLEANUP_SECONDS));
      if (modelConfig != null) {
        shutdown.then("stopping the model agent of " + modelConfig, Duration.ofSeconds(1),
            () -> agents.forEach(ModelAgent::close));
      }
      shutdown.then("draining requests in flight and unloading models "
          + running.repository().names(), running::close);
      status.set(shutdown.run());
      if (status.get() == 0) {
        log.info("stopped");
      }
      stopped.countDown();
    });
    KServeServer server = KServeServer.start(serverConfig, runtimes);
    started.set(server);
    if (modelConfig != null) {
      agents.add(startAgent(server));
    }
    log.info("kserve4j ready in {} ms: REST http://{}:{} (V1 /v1/models, V2 /v2), gRPC {}:{}{}, metrics http://{}:{}/metrics; models {}",
        (System.nanoTime() - startNanos) / 1_000_000, host, server.httpPort(),
        host, server.httpPort(), server.grpcPort() < 0 ? "" : " and " + host + ":" + server.grpcPort(),
        host, server.httpPort(), server.repository().names());
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
    return status.get();
  }

  /**
   * The model agent of {@code --model-config}: pulls through the storage settings of the environment
   * (KServe's storage variables), loads through the server's repository API; the file is also read
   * again every minute in case a change event was missed.
   */
  private ModelAgent startAgent(KServeServer server) {
    ModelStorage storage = ModelStorage.create(StorageConfig.fromEnvironment(System.getenv()));
    ModelAgent agent = new ModelAgent(modelConfig, new ModelPuller(storage, modelRepository),
        new RepositoryClient(host, server.httpPort()), Duration.ofMinutes(1));
    agent.start();
    return agent;
  }

  /** Rejects flag values the server would refuse later, naming the flag (picocli exit status 2). */
  private void checkFlags(ModelRuntimes runtimes) {
    check(httpPort >= 0 && httpPort <= 65535, "--http-port", httpPort, "0..65535, 0 picks a free port");
    check(grpcPort >= -1 && grpcPort <= 65535, "--grpc-port", grpcPort, "-1..65535, -1 turns it off");
    check(maxRequestBytes >= 1, "--max-request-bytes", maxRequestBytes, ">= 1");
    check(maxBatchSize == null || maxBatchSize >= 1, "--max-batch-size", maxBatchSize, ">= 1");
    check(maxQueueDelayMicros >= 0, "--max-queue-delay-us", maxQueueDelayMicros, ">= 0");
    check(batchInstances >= 1, "--batch-instances", batchInstances, ">= 1");
    check(workers == null || workers >= 1, "--workers", workers, ">= 1");
    check(drainSeconds >= 0, "--drain-timeout", drainSeconds, ">= 0 seconds");
    check(device == null || device.matches("cpu|cuda|cuda:\\d{1,4}"), "--device", "'" + device + "'",
        "cpu, cuda or cuda:N");
    if (device != null) {
      options.put("device", device);
    }
    check(modelFormat == null || runtimes.byFormat(modelFormat).isPresent(), "--model-format",
        "'" + modelFormat + "'", "one of " + runtimes.formats());
    if (config != null && (modelName != null || modelFormat != null || modelVersion != null
        || maxBatchSize != null || !options.isEmpty())) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--model-name, --model-format,"
          + " --model-version, --max-batch-size, --device and --option apply to --model-dir only;"
          + " with --config " + config + " set them per model in that file");
    }
    checkModelClassFlags();
    checkRepositoryFlags();
  }

  /** {@code --model-config} needs {@code --model-repository}, which must be (or become) a directory. */
  private void checkRepositoryFlags() {
    check(modelConfig == null || modelRepository != null, "--model-config", modelConfig,
        "used with --model-repository DIR, where the models it lists are pulled");
    check(modelConfig == null || !Files.isDirectory(modelConfig), "--model-config", modelConfig
        + " is a directory", "the models.json file itself, e.g. /mnt/configs/models.json");
    if (modelRepository != null) {
      try {
        Files.createDirectories(modelRepository);
      } catch (IOException e) {
        check(false, "--model-repository", modelRepository + " cannot be created as a directory (" + e + ")",
            "a directory, or a path where one can be created");
      }
    }
  }

  /** {@code --model-class} picks the custom format; {@code --classpath} needs it. */
  private void checkModelClassFlags() {
    if (config != null && (modelClass != null || classpath != null)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--model-class and --classpath"
          + " apply to a single model; with --config " + config + " give that model format: custom"
          + " and options " + CustomRuntimeProvider.MODEL_CLASS + " and "
          + CustomRuntimeProvider.CLASSPATH + " in that file");
    }
    check(classpath == null || modelClass != null, "--classpath", "'" + classpath + "'",
        "used with --model-class CLASS, the class it holds");
    check(modelClass == null || !modelClass.isBlank(), "--model-class", "'" + modelClass + "'",
        "a fully qualified class name, e.g. com.acme.MyModel");
    check(modelClass == null || modelFormat == null || modelFormat.equalsIgnoreCase("custom"),
        "--model-format", "'" + modelFormat + "' with --model-class " + modelClass,
        "custom or no --model-format, as --model-class serves a custom model");
  }

  private void check(boolean ok, String flag, Object value, String expected) {
    if (!ok) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), flag + ": " + value + " (expected: " + expected + ")");
    }
  }

  private List<ModelConfig> models() {
    if (config != null && modelDir != null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "give either --config or --model-dir, not both");
    }
    if (config != null) {
      return ModelsFile.read(config);
    }
    if (modelClass != null) {
      return List.of(customModel());
    }
    if (modelDir == null && modelRepository != null) {
      return List.of();
    }
    if (modelDir == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "missing --model-dir DIR (or --config FILE)");
    }
    String name = modelName != null ? modelName : modelDir.toAbsolutePath().normalize().getFileName().toString();
    BatchingConfig batching = maxBatchSize == null ? null : new BatchingConfig(maxBatchSize, maxQueueDelayMicros, batchInstances);
    return List.of(new ModelConfig(name, modelVersion, modelDir, modelFormat, options, batching));
  }

  /**
   * The model of {@code --model-class}: format custom, class and class path passed as options,
   * named after the class unless {@code --model-name} is given. Without {@code --model-dir} the
   * model gets an empty directory of its own, removed when the process exits.
   */
  private ModelConfig customModel() {
    String className = modelClass.trim();
    String simpleName = className.substring(Math.max(className.lastIndexOf('.'), className.lastIndexOf('$')) + 1);
    String name = modelName != null ? modelName : simpleName.toLowerCase(Locale.ROOT);
    Map<String, String> customOptions = new LinkedHashMap<>(options);
    customOptions.put(CustomRuntimeProvider.MODEL_CLASS, className);
    if (classpath != null) {
      customOptions.put(CustomRuntimeProvider.CLASSPATH, classpath);
    }
    Path dir = modelDir;
    if (dir == null) {
      try {
        dir = Files.createTempDirectory("kserve4j-custom-");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create an empty model directory for " + name, e);
      }
      dir.toFile().deleteOnExit();
    }
    BatchingConfig batching = maxBatchSize == null ? null : new BatchingConfig(maxBatchSize, maxQueueDelayMicros, batchInstances);
    return new ModelConfig(name, modelVersion, dir, "custom", customOptions, batching);
  }

  private ServerConfig serverConfig(List<ModelConfig> models) {
    ServerConfig d = ServerConfig.defaults(models);
    return new ServerConfig(host, httpPort, grpcPort, maxRequestBytes, Duration.ofSeconds(drainSeconds),
        workers == null ? d.workerThreads() : workers, models, modelRepository);
  }
}
