package dev.kserve4j.cli;

import dev.kserve4j.api.ResourceCodec;
import dev.kserve4j.api.v1beta1.InferenceService;
import dev.kserve4j.local.AdminServer;
import dev.kserve4j.local.EmbeddedRuntimes;
import dev.kserve4j.local.LocalControlPlane;
import dev.kserve4j.plan.PlanConfig;
import dev.kserve4j.runtime.ModelRuntimes;
import dev.kserve4j.server.KServeServer;
import dev.kserve4j.server.config.ServerConfig;
import dev.kserve4j.storage.ModelStorage;
import dev.kserve4j.storage.StorageConfig;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kserve4j up}: an embedded control plane. Starts a server with no models, applies the
 * InferenceServices in the given files to it, and serves them, with the admin API that
 * {@code apply}, {@code get} and {@code delete} talk to, until SIGTERM.
 */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description = {
      "Serves the InferenceServices in FILE (or every .yaml/.yml/.json file in DIR) as KServe would.",
      "Stops on SIGTERM or Ctrl-C: stops accepting, drains in-flight requests, exits 0."
    })
public final class UpCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(UpCommand.class);

  @Option(names = {"-f", "--filename"}, required = true, paramLabel = "FILE|DIR",
      description = "YAML or JSON file with InferenceServices, or a directory of them.")
  Path source;

  @Option(names = "--port", defaultValue = "8080", description = "HTTP port for REST, gRPC and /metrics (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--grpc-port", defaultValue = "8081", description = "Dedicated gRPC port; -1 turns it off (default: ${DEFAULT-VALUE}).")
  int grpcPort;

  @Option(names = "--admin-port", defaultValue = "8090", description = "Admin API port, on 127.0.0.1 only (default: ${DEFAULT-VALUE}).")
  int adminPort;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address the inference ports bind (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--drain-timeout", defaultValue = "30", description = "Seconds to wait for in-flight requests on shutdown (default: ${DEFAULT-VALUE}).")
  long drainSeconds;

  @Override
  public Integer call() {
    List<InferenceService> services = read();
    ServerConfig d = ServerConfig.defaults(List.of());
    ServerConfig config = new ServerConfig(host, port, grpcPort, d.maxRequestBytes(),
        Duration.ofSeconds(drainSeconds), d.workerThreads(), List.of());
    KServeServer server = KServeServer.start(config, ModelRuntimes.discover(getClass().getClassLoader()));
    ModelStorage storage = ModelStorage.create(StorageConfig.fromEnvironment(System.getenv()));
    LocalControlPlane control = new LocalControlPlane(server.repository(), storage,
        EmbeddedRuntimes.clusterRuntimes(), PlanConfig.defaults(), Clock.systemUTC());
    AdminServer admin = AdminServer.start(control, Clock.systemUTC(), adminPort);
    CountDownLatch stopped = new CountDownLatch(1);
    SignalHandlers.onTerminate(() -> {
      log.info("shutting down: draining in-flight requests (at most {} s)", drainSeconds);
      admin.close();
      server.close();
      storage.close();
      log.info("stopped");
      stopped.countDown();
    });
    for (InferenceService isvc : services) {
      InferenceService applied = admin.apply(isvc);
      System.out.println(InferenceServiceTable.summary(applied));
    }
    log.info("kserve4j ready: REST http://{}:{} (V2 /v2/models/NAME), gRPC {}:{}, admin API http://127.0.0.1:{}",
        host, server.httpPort(), host, server.grpcPort(), admin.port());
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
    return 0;
  }

  /** The InferenceServices in the file or directory; other kinds are reported and skipped. */
  private List<InferenceService> read() {
    ResourceCodec codec = new ResourceCodec();
    List<InferenceService> services = new ArrayList<>();
    for (Path file : files()) {
      for (HasMetadata resource : codec.readAll(file)) {
        if (resource instanceof InferenceService isvc) {
          services.add(isvc);
        } else {
          System.out.println(file + ": skipping " + resource.getKind() + "/" + resource.getMetadata().getName()
              + " (up applies InferenceService resources only)");
        }
      }
    }
    return services;
  }

  private List<Path> files() {
    if (!Files.isDirectory(source)) {
      if (!Files.isRegularFile(source)) {
        throw new IllegalArgumentException("-f " + source + ": no such file or directory");
      }
      return List.of(source);
    }
    try (Stream<Path> entries = Files.list(source)) {
      return entries.filter(p -> p.toString().matches(".*\\.(yaml|yml|json)")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + source + ": " + e.getMessage(), e);
    }
  }
}
