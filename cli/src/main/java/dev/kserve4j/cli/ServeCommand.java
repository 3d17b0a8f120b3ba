package dev.kserve4j.cli;

import dev.kserve4j.runtime.ModelRuntimes;
import dev.kserve4j.server.KServeServer;
import dev.kserve4j.server.agent.ModelAgent;
import dev.kserve4j.server.agent.ModelPuller;
import dev.kserve4j.server.agent.RepositoryClient;
import dev.kserve4j.server.config.ModelConfig;
import dev.kserve4j.server.config.ModelsFile;
import dev.kserve4j.server.config.ServeFlags;
import dev.kserve4j.server.config.ServeOptions;
import dev.kserve4j.server.config.ServerConfig;
import dev.kserve4j.server.transform.HttpPredictorLink;
import dev.kserve4j.server.transform.PredictorLinks;
import dev.kserve4j.storage.ModelStorage;
import dev.kserve4j.storage.StorageConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code kserve4j serve}: loads one model (or a models file) and serves it until stopped. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serves a model directory (or several models from --config) over V1, V2 REST and V2 gRPC.",
      "With --model-repository (and --model-config, KServe's models.json) models are also loaded at"
          + " run time.",
      "Stops on SIGTERM or Ctrl-C: stops accepting, drains in-flight requests, exits 0; what is"
          + " still running "
          + ShutdownSequence.CLEANUP_SECONDS
          + " s after --drain-timeout is"
          + " given up, named on stderr, and the process exits 1."
    })
public final class ServeCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin ServeFlags flags;

  @Override
  public Integer call() {
    long startNanos = System.nanoTime();
    ServeOptions options;
    try {
      options = flags.toOptions();
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    ModelRuntimes runtimes = ModelRuntimes.discover(getClass().getClassLoader());
    checkFlags(options, runtimes);
    List<ModelConfig> models = models(options);
    ServerConfig serverConfig = options.serverConfig(models);
    PredictorLinks links = new PredictorLinks();
    if (options.predictorHost() != null) {
      for (ModelConfig model : models) {
        links.set(
            model.name(),
            new HttpPredictorLink(
                options.predictorHost(),
                options.protocol(),
                Duration.ofSeconds(options.predictorTimeoutSeconds())));
      }
    }
    // Handlers go in before the models load, so a stop during loading also exits 0 (nothing to
    // drain).
    AtomicReference<KServeServer> started = new AtomicReference<>();
    List<ModelAgent> agents = new java.util.concurrent.CopyOnWriteArrayList<>();
    CountDownLatch stopped = new CountDownLatch(1);
    AtomicInteger status = new AtomicInteger();
    SignalHandlers.onTerminate(
        () -> {
          KServeServer running = started.get();
          if (running == null) {
            System.exit(0);
          }
          log.info(
              "shutting down: draining in-flight requests (at most {} s)", options.drainSeconds());
          ShutdownSequence shutdown =
              ShutdownSequence.of(
                  Duration.ofSeconds(options.drainSeconds() + ShutdownSequence.CLEANUP_SECONDS));
          if (options.modelConfig() != null) {
            shutdown.then(
                "stopping the model agent of " + options.modelConfig(),
                Duration.ofSeconds(1),
                () -> agents.forEach(ModelAgent::close));
          }
          shutdown.then(
              "draining requests in flight and unloading models " + running.repository().names(),
              running::close);
          status.set(shutdown.run());
          if (status.get() == 0) {
            log.info("stopped");
          }
          stopped.countDown();
        });
    KServeServer server = KServeServer.start(serverConfig, runtimes, links);
    started.set(server);
    if (options.modelConfig() != null) {
      agents.add(startAgent(options, server));
    }
    String host = options.host();
    log.info(
        "kserve4j ready in {} ms: REST http://{}:{} (V1 /v1/models, V2 /v2), gRPC {}:{}{}, metrics"
            + " http://{}:{}/metrics; models {}{}",
        (System.nanoTime() - startNanos) / 1_000_000,
        host,
        server.httpPort(),
        host,
        server.httpPort(),
        server.grpcPort() < 0 ? "" : " and " + host + ":" + server.grpcPort(),
        host,
        server.httpPort(),
        server.repository().names(),
        options.predictorHost() == null
            ? ""
            : "; predictor " + options.predictorHost() + " (" + options.protocol() + ")");
    return SignalHandlers.awaitStopped(stopped, status);
  }

  /**
   * The model agent of {@code --model-config}: pulls through the storage settings of the
   * environment (KServe's storage variables), loads through the server's repository API; the file
   * is also read again every minute in case a change event was missed.
   */
  private ModelAgent startAgent(ServeOptions options, KServeServer server) {
    ModelStorage storage = ModelStorage.create(StorageConfig.fromEnvironment(System.getenv()));
    ModelAgent agent =
        new ModelAgent(
            options.modelConfig(),
            new ModelPuller(storage, options.modelRepository()),
            new RepositoryClient(options.host(), server.httpPort()),
            Duration.ofMinutes(1));
    agent.start();
    return agent;
  }

  /**
   * The checks {@link ServeOptions} cannot make alone: the format against the runtimes present and
   * the repository directories (picocli exit status 2).
   */
  private void checkFlags(ServeOptions options, ModelRuntimes runtimes) {
    String modelFormat = options.modelFormat();
    check(
        modelFormat == null || runtimes.byFormat(modelFormat).isPresent(),
        "--model-format",
        "'" + modelFormat + "'",
        "one of " + runtimes.formats());
    checkRepositoryFlags(options);
  }

  /** {@code --model-config} is a file; {@code --model-repository} is (or becomes) a directory. */
  private void checkRepositoryFlags(ServeOptions options) {
    Path modelConfig = options.modelConfig();
    Path modelRepository = options.modelRepository();
    check(
        modelConfig == null || !Files.isDirectory(modelConfig),
        "--model-config",
        modelConfig + " is a directory",
        "the models.json file itself, e.g. /mnt/configs/models.json");
    if (modelRepository != null) {
      try {
        Files.createDirectories(modelRepository);
      } catch (IOException e) {
        check(
            false,
            "--model-repository",
            modelRepository + " cannot be created as a directory (" + e + ")",
            "a directory, or a path where one can be created");
      }
    }
  }

  private void check(boolean ok, String flag, Object value, String expected) {
    if (!ok) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), flag + ": " + value + " (expected: " + expected + ")");
    }
  }

  private List<ModelConfig> models(ServeOptions options) {
    Path modelDir = options.modelDir();
    if (options.config() != null) {
      return ModelsFile.read(options.config());
    }
    if (options.modelClass() != null) {
      return List.of(customModel(options));
    }
    if (modelDir == null && options.modelRepository() != null) {
      return List.of();
    }
    if (modelDir == null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "missing --model-dir DIR (or --config FILE)");
    }
    String name =
        options.modelName() != null
            ? options.modelName()
            : modelDir.toAbsolutePath().normalize().getFileName().toString();
    return List.of(
        new ModelConfig(
            name,
            options.modelVersion(),
            modelDir,
            options.modelFormat(),
            options.modelOptions(),
            options.batching()));
  }

  /**
   * The model of {@code --model-class}: format custom, class and class path passed as options,
   * named after the class unless {@code --model-name} is given. Without {@code --model-dir} the
   * model gets an empty directory of its own, removed when the process exits.
   */
  private ModelConfig customModel(ServeOptions options) {
    Path dir = options.modelDir();
    if (dir == null) {
      try {
        dir = Files.createTempDirectory("kserve4j-custom-");
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot create an empty model directory for " + options.customModelName(), e);
      }
      dir.toFile().deleteOnExit();
    }
    return options.customModel(dir);
  }
}
