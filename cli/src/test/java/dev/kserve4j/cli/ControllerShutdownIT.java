package dev.kserve4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM to {@code kserve4j controller} after its API server went away or stopped answering: the
 * process exits within its drain timeout plus a few seconds, naming what it gave up on.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class ControllerShutdownIT {
  private static final String SYSTEM = "kserve4j-system";
  private static final long DRAIN_SECONDS = 2;

  /** The drain timeout, the few seconds of cleanup after it, and the JVM's exit, with margin. */
  private static final Duration EXIT_BOUND = Duration.ofSeconds(DRAIN_SECONDS + 8);

  KubernetesClient client;

  @Test
  void exitsInTimeWhenTheApiServerIsGone() {
    exitsInTimeNaming(
        ApiServerProxy::close, url -> "(failed: API server " + url + "/ unreachable: ");
  }

  @Test
  void exitsInTimeWhenTheApiServerStopsAnswering() {
    exitsInTimeNaming(ApiServerProxy::hang, url -> "(still running after 2.0 s)");
  }

  /**
   * Starts a leading controller behind a proxy, breaks the proxy with {@code breakIt}, sends
   * SIGTERM, and expects exit 1 within the bound with the Lease release named and {@code why}.
   */
  private void exitsInTimeNaming(
      java.util.function.Consumer<ApiServerProxy> breakIt,
      java.util.function.Function<String, String> why) {
    try (ApiServerProxy api = new ApiServerProxy(client.getConfiguration().getMasterUrl());
        Kserve4jProcess p = startLeading(api)) {
      breakIt.accept(api);
      long signalled = System.nanoTime();
      p.terminate();

      assertThat(p.awaitExit(EXIT_BOUND)).as(p.output()).isEqualTo(1);
      report(p, signalled);
      assertThat(p.stderr())
          .contains(
              "kserve4j: shutdown: gave up after",
              "waiting for: releasing the leader Lease "
                  + SYSTEM
                  + "/kserve4j-controller on API server "
                  + api.url()
                  + "/ "
                  + why.apply(api.url()));
    }
  }

  /** How long the exit took and what the process said it gave up on, for the test's output. */
  private static void report(Kserve4jProcess p, long signalled) {
    String gaveUp =
        p.stderr()
            .lines()
            .filter(l -> l.contains("gave up"))
            .findFirst()
            .orElse("(nothing given up)");
    System.out.printf(
        "exited %d ms after SIGTERM; %s%n", (System.nanoTime() - signalled) / 1_000_000, gaveUp);
  }

  /** A controller through {@code api} that holds the leader Lease. */
  private Kserve4jProcess startLeading(ApiServerProxy api) {
    Kserve4jProcess p =
        Kserve4jProcess.start(
            env(api.url()),
            "controller",
            "--health-port",
            "0",
            "--metrics-port",
            "0",
            "--config-namespace",
            "nowhere",
            "--drain-timeout",
            String.valueOf(DRAIN_SECONDS));
    p.awaitLine(l -> l.contains("leading: reconciling"), Duration.ofSeconds(90));
    p.awaitLine(l -> l.contains("watching InferenceServices"), Duration.ofSeconds(60));
    await("the leader Lease held by controller-0")
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              Lease lease =
                  client.leases().inNamespace(SYSTEM).withName("kserve4j-controller").get();
              return lease != null && "controller-0".equals(lease.getSpec().getHolderIdentity());
            });
    return p;
  }

  private static Map<String, String> env(String apiServer) {
    Map<String, String> env = new HashMap<>();
    env.put("POD_NAMESPACE", SYSTEM);
    env.put("POD_NAME", "controller-0");
    env.put("KUBECONFIG", "/nonexistent/kubeconfig");
    env.put("KUBERNETES_MASTER", apiServer);
    env.put("KUBERNETES_AUTH_TRYKUBECONFIG", "false");
    env.put("KUBERNETES_AUTH_TRYSERVICEACCOUNT", "false");
    env.put("HTTP2_DISABLE", "true"); // as in ControllerClusterIT: the mock server speaks HTTP/1.1
    return env;
  }
}
