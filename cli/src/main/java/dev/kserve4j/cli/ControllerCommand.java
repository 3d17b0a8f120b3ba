package dev.kserve4j.cli;

import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.Server;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.prometheus.PrometheusExpositionService;
import dev.kserve4j.controller.ControllerConfig;
import dev.kserve4j.controller.ControllerMain;
import dev.kserve4j.controller.InferenceServiceConfigMap;
import dev.kserve4j.controller.webhook.WebhookServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kserve4j controller}: the Kubernetes operator. Reconciles InferenceServices (Standard and
 * Knative mode), InferenceGraphs and TrainedModels, with the settings of KServe's {@code
 * inferenceservice-config} ConfigMap, leader election among replicas, {@code /healthz}, {@code
 * /readyz} and Prometheus {@code /metrics}, until SIGTERM.
 */
@Command(
    name = "controller",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the Kubernetes operator in place of KServe's controller: reconciles serving.kserve.io"
          + " InferenceServices (Standard mode into Deployments, Services, HPAs or KEDA"
          + " ScaledObjects and Ingresses or HTTPRoutes; Knative mode into Knative Services with"
          + " canary traffic), InferenceGraphs (router Deployments) and TrainedModels (multi-model"
          + " configuration), with KServe's status; serves KServe's validating admission webhooks"
          + " with --webhook-cert-dir.",
      "Reads KServe's inferenceservice-config ConfigMap (ingress, deploy, storageInitializer,"
          + " router, inferenceService keys) from its own namespace. Connects as kubectl does"
          + " (in-cluster service account, else KUBECONFIG / ~/.kube/config).",
      "Install on a cluster: see docs/KUBERNETES.md (kubectl apply -k deploy/controller, or"
          + " deploy/webhooks, or the Helm chart in deploy/helm/kserve4j)."
    })
public final class ControllerCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(ControllerCommand.class);
  private static final String DEFAULT_NAMESPACE = "kserve4j-system";

  @Option(
      names = "--namespace",
      paramLabel = "NS",
      description = "Namespace to watch (repeatable; default: all namespaces).")
  List<String> namespaces = List.of();

  @Option(
      names = "--domain",
      paramLabel = "DOMAIN",
      description =
          "Ingress domain of the InferenceServices' hosts, over the ConfigMap's ingressDomain"
              + " (default: the ConfigMap's, else example.com).")
  String domain;

  @Option(
      names = "--config-namespace",
      paramLabel = "NS",
      description =
          "Namespace of the inferenceservice-config ConfigMap"
              + " (default: $POD_NAMESPACE, else kserve4j-system).")
  String configNamespace;

  @Option(
      names = "--configmap",
      paramLabel = "NAME",
      defaultValue = InferenceServiceConfigMap.NAME,
      description =
          "Name of KServe's settings ConfigMap; without one, KServe's defaults apply"
              + " (default: ${DEFAULT-VALUE}).")
  String configMap;

  @Option(
      names = "--health-port",
      defaultValue = "8081",
      description = "Port of /healthz, /readyz and /metrics (default: ${DEFAULT-VALUE}).")
  int healthPort;

  @Option(
      names = "--metrics-port",
      defaultValue = "8080",
      description =
          "Port of Prometheus /metrics, also served on the health port (default:"
              + " ${DEFAULT-VALUE}).")
  int metricsPort;

  @Option(
      names = "--leader-election",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "Elect one active replica through a Lease (default: on; --no-leader-election for a single"
              + " replica).")
  boolean leaderElection;

  @Option(
      names = "--lease-namespace",
      paramLabel = "NS",
      description =
          "Namespace of the leader Lease (default: $POD_NAMESPACE, else kserve4j-system).")
  String leaseNamespace;

  @Option(
      names = "--webhook-port",
      defaultValue = "9443",
      description =
          "HTTPS port of KServe's validating admission webhooks (default: ${DEFAULT-VALUE}).")
  int webhookPort;

  @Option(
      names = "--webhook-cert-dir",
      paramLabel = "DIR",
      description =
          "Directory holding the webhooks' tls.crt and tls.key (PEM, as cert-manager writes them;"
              + " re-read when renewed). Without it the webhooks are off"
              + " (deploy/webhooks/webhook.yaml registers them).")
  Path webhookCertDir;

  @Option(
      names = "--drain-timeout",
      paramLabel = "SECONDS",
      defaultValue = "10",
      description =
          "Seconds shutdown waits for reconciles in flight; releasing the leader Lease"
              + " and closing take at most "
              + ShutdownSequence.CLEANUP_SECONDS
              + " s more, after"
              + " which the process exits whatever its API server does, naming on stderr what it"
              + " gave up on (default: ${DEFAULT-VALUE}).")
  long drainSeconds;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (drainSeconds < 0) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--drain-timeout: " + drainSeconds + " (expected: >= 0 seconds)");
    }
    KubernetesClient client = new KubernetesClientBuilder().build();
    ControllerConfig config;
    try {
      config = configure(client);
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
    ControllerMetrics metrics = new ControllerMetrics();
    AtomicReference<Closeable> running = new AtomicReference<>();
    Server http = httpServer(running, metrics);
    // Every replica answers admission reviews, leading or not, so admission never waits for an
    // election.
    Closeable webhooks =
        webhookCertDir == null ? null : WebhookServer.start(client, webhookPort, webhookCertDir);
    CountDownLatch stopped = new CountDownLatch(1);
    AtomicBoolean stopping = new AtomicBoolean();
    AtomicInteger status = new AtomicInteger();
    ControllerConfig effective = config;
    Duration drain = Duration.ofSeconds(drainSeconds);
    Runnable lead =
        () -> {
          log.info(
              "leading: reconciling InferenceServices in {}",
              effective.namespaces().isEmpty() ? "all namespaces" : effective.namespaces());
          running.set(ControllerMain.start(client, effective, metrics.registry(), drain));
        };
    LeaderLease lease = leaderElection ? leaderLease(client, lead, stopping, running) : null;
    SignalHandlers.onTerminate(
        () -> {
          log.info("shutting down: waiting for reconciles in flight (at most {} s)", drainSeconds);
          stopping.set(true);
          ShutdownSequence shutdown =
              ShutdownSequence.of(drain.plusSeconds(ShutdownSequence.CLEANUP_SECONDS))
                  .then(
                      "stopping the reconcile loop",
                      drain.plusSeconds(1),
                      () -> closeIfSet(running.getAndSet(null)));
          if (lease != null) {
            // Released after the loop stopped, so that no two replicas reconcile at once.
            shutdown.then(
                "releasing the leader Lease "
                    + lease.describe()
                    + " on API server "
                    + lease.apiServer(),
                Duration.ofSeconds(ShutdownSequence.CLEANUP_SECONDS - 1),
                () -> {
                  if (lease.release()) {
                    log.info("released the leader Lease {}", lease.describe());
                  }
                });
          }
          shutdown
              .then("stopping the health and metrics server", () -> http.stop().join())
              .then("stopping the webhooks", () -> closeIfSet(webhooks))
              .then(
                  "closing the Kubernetes clients",
                  () -> {
                    metrics.close();
                    if (lease != null) {
                      lease.close();
                    }
                    client.close();
                  });
          status.set(shutdown.run());
          if (status.get() == 0) {
            log.info("stopped");
          }
          stopped.countDown();
        });
    if (lease != null) {
      lease.start();
    } else {
      lead.run();
    }
    log.info(
        "kserve4j controller ready: /healthz, /readyz and /metrics on ports {}",
        http.activePorts().values().stream()
            .map(p -> p.localAddress().getPort())
            .sorted()
            .toList());
    stopped.await();
    return status.get();
  }

  /**
   * The election among replicas; losing the Lease while not stopping exits 1, so that the restarted
   * pod stands for election again.
   */
  private LeaderLease leaderLease(
      KubernetesClient client,
      Runnable lead,
      AtomicBoolean stopping,
      AtomicReference<Closeable> running) {
    String identity =
        Optional.ofNullable(System.getenv("POD_NAME")).orElse("kserve4j-" + UUID.randomUUID());
    String ns = leaseNamespace != null ? leaseNamespace : ownNamespace();
    return new LeaderLease(
        client,
        ns,
        identity,
        new LeaderCallbacks(
            lead,
            () -> {
              if (stopping.get()) {
                return;
              }
              log.warn("lost the leader Lease {}/{}: stopping", ns, LeaderLease.NAME);
              close(running.getAndSet(null));
              System.exit(1);
            },
            leader -> log.info("leader is {}", leader)));
  }

  /** The defaults, the ConfigMap's settings over them, then the flags over both. */
  private ControllerConfig configure(KubernetesClient client) {
    String apiServer = client.getConfiguration().getMasterUrl();
    try {
      log.info(
          "connected to Kubernetes {} at {}",
          client.getKubernetesVersion().getGitVersion(),
          apiServer);
    } catch (KubernetesClientException e) {
      throw new IllegalStateException(
          "cannot reach the Kubernetes API server at "
              + apiServer
              + " ("
              + e.getMessage()
              + "); expected a cluster this process can reach: in-cluster, or through"
              + " KUBECONFIG / ~/.kube/config");
    }
    String ns = configNamespace != null ? configNamespace : ownNamespace();
    ControllerConfig config =
        InferenceServiceConfigMap.load(client, ns, configMap, ControllerConfig.defaults())
            .withNamespaces(new HashSet<>(namespaces));
    if (domain != null) {
      config =
          new ControllerConfig(
              config.namespaces(),
              config.render(),
              config.plan().withIngressDomain(domain),
              config.resync(),
              config.retryDelay());
    }
    return config;
  }

  private static String ownNamespace() {
    return Optional.ofNullable(System.getenv("POD_NAMESPACE"))
        .filter(s -> !s.isBlank())
        .orElse(DEFAULT_NAMESPACE);
  }

  /** One server on the health port and the metrics port, each serving every path. */
  private Server httpServer(AtomicReference<Closeable> running, ControllerMetrics metrics) {
    ServerBuilder builder = Server.builder().http(new InetSocketAddress(healthPort));
    if (metricsPort != healthPort) {
      builder.http(new InetSocketAddress(metricsPort));
    }
    Server server =
        builder
            .service(
                "/healthz",
                (ctx, req) -> HttpResponse.of(HttpStatus.OK, MediaType.PLAIN_TEXT_UTF_8, "ok"))
            // Ready once this replica runs the loop or stands by for the Lease (both serve their
            // role).
            .service(
                "/readyz",
                (ctx, req) ->
                    HttpResponse.of(
                        HttpStatus.OK,
                        MediaType.PLAIN_TEXT_UTF_8,
                        running.get() != null ? "leading" : "standing by"))
            .service(
                "/metrics",
                PrometheusExpositionService.of(metrics.registry().getPrometheusRegistry()))
            .build();
    server.start().join();
    return server;
  }

  private static void closeIfSet(Closeable closeable) throws IOException {
    if (closeable != null) {
      closeable.close();
    }
  }

  private static void close(Closeable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (IOException e) {
      log.warn("closing the reconcile loop failed", e);
    }
  }
}
