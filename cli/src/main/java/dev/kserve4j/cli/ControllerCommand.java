package dev.kserve4j.cli;

import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.Server;
import dev.kserve4j.controller.ControllerConfig;
import dev.kserve4j.controller.ControllerMain;
import dev.kserve4j.plan.PlanConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kserve4j controller}: the Kubernetes operator. Reconciles InferenceServices in Standard
 * (RawDeployment) mode into Deployments, Services, autoscalers and routes, with leader election
 * among replicas, {@code /healthz} and {@code /readyz} on the health port, until SIGTERM.
 */
@Command(
    name = "controller",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the Kubernetes operator: reconciles serving.kserve.io InferenceServices in Standard",
      "(RawDeployment) mode into Deployments, Services, HPAs or KEDA ScaledObjects and Ingresses or",
      "HTTPRoutes, with KServe's status. Connects as kubectl does (in-cluster service account, else",
      "KUBECONFIG / ~/.kube/config). Install on a cluster: see docs/KUBERNETES.md (deploy/controller",
      "or the Helm chart in deploy/helm/kserve4j)."
    })
public final class ControllerCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(ControllerCommand.class);

  @Option(names = "--namespace", paramLabel = "NS", description = "Namespace to watch (repeatable; default: all namespaces).")
  List<String> namespaces = List.of();

  @Option(names = "--domain", defaultValue = PlanConfig.DEFAULT_INGRESS_DOMAIN, description = "Ingress domain of the InferenceServices' hosts (default: ${DEFAULT-VALUE}).")
  String domain;

  @Option(names = "--health-port", defaultValue = "8081", description = "Port of /healthz and /readyz (default: ${DEFAULT-VALUE}).")
  int healthPort;

  @Option(names = "--leader-election", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Elect one active replica through a Lease (default: on; --no-leader-election for a single replica).")
  boolean leaderElection;

  @Option(names = "--lease-namespace", description = "Namespace of the leader Lease (default: $POD_NAMESPACE, else kserve4j-system).")
  String leaseNamespace;

  @Override
  public Integer call() throws Exception {
    KubernetesClient client = new KubernetesClientBuilder().build();
    String apiServer = client.getConfiguration().getMasterUrl();
    try {
      log.info("connected to Kubernetes {} at {}", client.getKubernetesVersion().getGitVersion(), apiServer);
    } catch (KubernetesClientException e) {
      client.close();
      throw new IllegalStateException("cannot reach the Kubernetes API server at " + apiServer + " ("
          + e.getMessage() + "); expected a cluster this process can reach: in-cluster, or through"
          + " KUBECONFIG / ~/.kube/config");
    }
    ControllerConfig config = ControllerConfig.defaults()
        .withNamespaces(new HashSet<>(namespaces));
    config = new ControllerConfig(config.namespaces(), config.render(),
        new PlanConfig(domain, PlanConfig.DEFAULT_URL_SCHEME, config.plan().defaultDeploymentMode()),
        config.resync(), config.retryDelay());
    AtomicReference<Closeable> running = new AtomicReference<>();
    Server health = healthServer(running);
    CountDownLatch stopped = new CountDownLatch(1);
    ControllerConfig effective = config;
    Runnable lead = () -> {
      log.info("leading: reconciling InferenceServices in {}",
          effective.namespaces().isEmpty() ? "all namespaces" : effective.namespaces());
      running.set(ControllerMain.start(client, effective));
    };
    SignalHandlers.onTerminate(() -> {
      log.info("shutting down");
      close(running.getAndSet(null));
      health.stop().join();
      client.close();
      stopped.countDown();
    });
    if (leaderElection) {
      String identity = Optional.ofNullable(System.getenv("POD_NAME")).orElse("kserve4j-" + UUID.randomUUID());
      String ns = leaseNamespace != null ? leaseNamespace
          : Optional.ofNullable(System.getenv("POD_NAMESPACE")).orElse("kserve4j-system");
      client.leaderElector().withConfig(new LeaderElectionConfigBuilder()
              .withName("kserve4j-controller")
              .withLock(new LeaseLock(ns, "kserve4j-controller", identity))
              .withLeaseDuration(Duration.ofSeconds(15))
              .withRenewDeadline(Duration.ofSeconds(10))
              .withRetryPeriod(Duration.ofSeconds(2))
              .withLeaderCallbacks(new LeaderCallbacks(lead, () -> {
                log.warn("lost the leader Lease {}/kserve4j-controller: stopping", ns);
                close(running.getAndSet(null));
                System.exit(1); // a restarted pod stands for election again
              }, leader -> log.info("leader is {}", leader)))
              .withReleaseOnCancel(true)
              .build())
          .build().start();
    } else {
      lead.run();
    }
    log.info("kserve4j controller ready: health http://0.0.0.0:{}/healthz", health.activeLocalPort());
    stopped.await();
    return 0;
  }

  private Server healthServer(AtomicReference<Closeable> running) {
    Server server = Server.builder()
        .http(new InetSocketAddress(healthPort))
        .service("/healthz", (ctx, req) -> HttpResponse.of(HttpStatus.OK, MediaType.PLAIN_TEXT_UTF_8, "ok"))
        // Ready once this replica runs the loop or stands by for the Lease (both serve their role).
        .service("/readyz", (ctx, req) -> HttpResponse.of(HttpStatus.OK, MediaType.PLAIN_TEXT_UTF_8,
            running.get() != null ? "leading" : "standing by"))
        .build();
    server.start().join();
    return server;
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
