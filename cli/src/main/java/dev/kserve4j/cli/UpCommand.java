package dev.kserve4j.cli;

import dev.kserve4j.local.AdminServer;
import dev.kserve4j.local.ComponentHost;
import dev.kserve4j.local.EmbeddedRuntimes;
import dev.kserve4j.local.LocalControlPlane;
import dev.kserve4j.local.LocalGraphs;
import dev.kserve4j.local.ManifestSync;
import dev.kserve4j.local.ServiceRoutes;
import dev.kserve4j.plan.PlanConfig;
import dev.kserve4j.router.http.HeaderPropagation;
import dev.kserve4j.router.http.OutboundGuard;
import dev.kserve4j.runtime.ModelRuntimes;
import dev.kserve4j.server.KServeServer;
import dev.kserve4j.server.config.ServerConfig;
import dev.kserve4j.storage.ModelStorage;
import dev.kserve4j.storage.StorageConfig;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kserve4j up}: an embedded control plane. Starts a server with no models, applies the
 * InferenceServices in the given files to it, and serves them, with the admin API that {@code
 * apply}, {@code get} and {@code delete} talk to, until SIGTERM.
 */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description = {
      "Serves the InferenceServices and InferenceGraphs in FILE (or every .yaml/.yml/.json file in"
          + " DIR) as KServe would.",
      "InferenceGraph steps propagate the headers matching $PROPAGATE_HEADERS (comma-separated"
          + " regular expressions), the request id and the trace context.",
      "Stops on SIGTERM or Ctrl-C: stops accepting, drains in-flight requests, exits 0; what is"
          + " still running "
          + ShutdownSequence.CLEANUP_SECONDS
          + " s after --drain-timeout is"
          + " given up, named on stderr, and the process exits 1."
    })
public final class UpCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(UpCommand.class);

  @Option(
      names = {"-f", "--filename"},
      required = true,
      paramLabel = "FILE|DIR",
      description = "YAML or JSON file with InferenceServices, or a directory of them.")
  Path source;

  @Option(
      names = "--port",
      defaultValue = "8080",
      description = "HTTP port for REST, gRPC and /metrics (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--grpc-port",
      defaultValue = "8081",
      description = "Dedicated gRPC port; -1 turns it off (default: ${DEFAULT-VALUE}).")
  int grpcPort;

  @Option(
      names = "--admin-port",
      defaultValue = "8090",
      description = "Admin API port, on 127.0.0.1 only (default: ${DEFAULT-VALUE}).")
  int adminPort;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      description = "Address the inference ports bind (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(
      names = "--drain-timeout",
      paramLabel = "SECONDS",
      defaultValue = "30",
      description =
          "Seconds to wait for in-flight requests on shutdown; unloading takes at most "
              + ShutdownSequence.CLEANUP_SECONDS
              + " s more, then the process exits whatever is still"
              + " running, naming it on stderr (default: ${DEFAULT-VALUE}).")
  long drainSeconds;

  @Option(
      names = "--domain",
      defaultValue = PlanConfig.DEFAULT_INGRESS_DOMAIN,
      description =
          "Domain of the InferenceServices' hosts, {name}.{namespace}.DOMAIN (default:"
              + " ${DEFAULT-VALUE}).")
  String domain;

  @Option(
      names = "--scale-to-zero-grace-period",
      paramLabel = "SECONDS",
      defaultValue = "30",
      description =
          "Knative's scale-to-zero-grace-period: how long a component with minReplicas 0 keeps"
              + " its last replica after the autoscaler first wants none (default:"
              + " ${DEFAULT-VALUE}).")
  long scaleToZeroGraceSeconds;

  @Option(names = "--no-watch", description = "Do not re-apply files under -f when they change.")
  boolean noWatch;

  @Option(
      names = "--allow-host",
      paramLabel = "PATTERN",
      description =
          "A host InferenceGraph serviceUrl steps may reach beyond the loopback and the"
              + " InferenceServices' domain ('*' for any characters, optional :port); repeatable.")
  List<String> allowHosts = new ArrayList<>();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (!domain.matches("[a-z0-9]([a-z0-9.-]*[a-z0-9])?")) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--domain: '"
              + domain
              + "' (expected a DNS domain such as example.com: lower-case letters, digits, '.' and"
              + " '-')");
    }
    if (drainSeconds < 0) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--drain-timeout: " + drainSeconds + " (expected: >= 0 seconds)");
    }
    if (scaleToZeroGraceSeconds < 0) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--scale-to-zero-grace-period: " + scaleToZeroGraceSeconds + " (expected: >= 0 seconds)");
    }
    PlanConfig plan =
        new PlanConfig(
            domain, PlanConfig.DEFAULT_URL_SCHEME, PlanConfig.defaults().defaultDeploymentMode());
    ServerConfig d = ServerConfig.defaults(List.of());
    ServerConfig config =
        new ServerConfig(
            host,
            port,
            grpcPort,
            d.maxRequestBytes(),
            Duration.ofSeconds(drainSeconds),
            d.workerThreads(),
            List.of());
    ServiceRoutes routes = new ServiceRoutes(domain);
    HeaderPropagation propagation;
    try {
      propagation = HeaderPropagation.parse(System.getenv(HeaderPropagation.ENV));
      new OutboundGuard(allowHosts); // refuses a pattern that is not a host, naming it
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    KServeServer server =
        KServeServer.start(config, ModelRuntimes.discover(getClass().getClassLoader()), routes);
    routes.enableShadow(server.inference(), server.meterRegistry());
    ModelStorage storage =
        ModelStorage.create(
            StorageConfig.fromEnvironment(System.getenv()), DownloadProgress.toStderr());
    LocalGraphs graphs =
        new LocalGraphs(
            routes,
            server.inference(),
            plan,
            Clock.systemUTC(),
            allowHosts,
            propagation,
            server.meterRegistry());
    LocalControlPlane control =
        new LocalControlPlane(
            server.repository(),
            storage,
            EmbeddedRuntimes.clusterRuntimes(),
            plan,
            Clock.systemUTC(),
            routes,
            graphs,
            ComponentHost.of(server));
    control.startAutoscaling(server.meterRegistry(), Duration.ofSeconds(scaleToZeroGraceSeconds));
    AdminServer admin = AdminServer.start(control, adminPort);
    ManifestSync manifests = new ManifestSync(source, control, new Printer());
    CountDownLatch stopped = new CountDownLatch(1);
    AtomicInteger status = new AtomicInteger();
    SignalHandlers.onTerminate(
        () -> {
          log.info("shutting down: draining in-flight requests (at most {} s)", drainSeconds);
          Duration deadline = Duration.ofSeconds(drainSeconds + ShutdownSequence.CLEANUP_SECONDS);
          status.set(
              ShutdownSequence.of(deadline)
                  .then("stopping the watch of " + source, Duration.ofSeconds(1), manifests::close)
                  .then(
                      "stopping the admin API",
                      Duration.ofSeconds(ShutdownSequence.CLEANUP_SECONDS),
                      admin::close)
                  .then("stopping the autoscaler", Duration.ofSeconds(1), control::stopAutoscaling)
                  .then(
                      "draining requests in flight and unloading InferenceServices", server::close)
                  .then("closing the model storage", storage::close)
                  .then("closing the graphs' HTTP client", Duration.ofSeconds(1), graphs::close)
                  .run());
          if (status.get() == 0) {
            log.info("stopped");
          }
          stopped.countDown();
        });
    manifests.applyAll();
    if (!noWatch) {
      manifests.watch();
    }
    log.info(
        "kserve4j ready: REST http://{}:{} (V2 /v2/models/NAME; Host NAME.NAMESPACE.{} or"
            + " /serving/NAMESPACE/NAME/...; InferenceGraphs: POST / with their Host),"
            + " gRPC {}:{}, admin API http://127.0.0.1:{}{}",
        host,
        server.httpPort(),
        domain,
        host,
        server.grpcPort(),
        admin.port(),
        noWatch ? "" : "; watching " + source + " for changes");
    return SignalHandlers.awaitStopped(stopped, status);
  }

  /**
   * Reports each applied, deleted or refused resource on stdout, one line each, and an applied
   * resource's admission warnings on stderr as {@code kubectl} prints them.
   */
  private static final class Printer implements ManifestSync.Listener {
    @Override
    public void applied(Path file, HasMetadata resource) {
      AdmissionWarnings.print(AdmissionWarnings.of(resource), System.err);
      System.out.println(InferenceServiceTable.summary(resource));
    }

    @Override
    public void deleted(Path file, String kind, String namespace, String name) {
      System.out.println(
          kind.toLowerCase(java.util.Locale.ROOT)
              + "/"
              + name
              + " (namespace "
              + namespace
              + "): deleted, it is no longer in "
              + file.getFileName());
    }

    @Override
    public void failed(Path file, String reason) {
      System.out.println(file + ": not applied: " + reason);
    }
  }
}
