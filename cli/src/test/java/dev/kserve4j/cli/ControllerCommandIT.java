package dev.kserve4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code kserve4j controller} as a cluster runs it: its help, and a clear failure without an API
 * server.
 */
class ControllerCommandIT {
  @Test
  void helpNamesTheFlagsAndWhereToReadAboutInstalling() {
    Kserve4jProcess p = Kserve4jProcess.run("controller", "--help");

    assertThat(p.exitCode()).as(p.output()).isZero();
    assertThat(p.stdout())
        .contains(
            "--namespace",
            "--health-port",
            "--metrics-port",
            "--config-namespace",
            "--configmap",
            "inferenceservice-config",
            "--[no-]leader-election",
            "--webhook-port",
            "--webhook-cert-dir",
            "--drain-timeout=SECONDS",
            "docs/KUBERNETES.md");
  }

  @Test
  void aNegativeDrainTimeoutIsRefusedNamingTheFlag() {
    Kserve4jProcess p = Kserve4jProcess.run("controller", "--drain-timeout", "-1");

    assertThat(p.exitCode()).as(p.output()).isEqualTo(2);
    assertThat(p.stderr()).contains("--drain-timeout: -1 (expected: >= 0 seconds)");
  }

  @Test
  void anUnreachableApiServerIsNamedAndExitsNonZero() {
    int port = UpCommandIT.freePort();
    try (Kserve4jProcess p =
        Kserve4jProcess.start(
            Map.of(
                "KUBECONFIG", "/nonexistent/kubeconfig",
                "KUBERNETES_MASTER", "http://127.0.0.1:" + port,
                "KUBERNETES_REQUEST_RETRY_BACKOFFLIMIT", "0"),
            "controller",
            "--no-leader-election",
            "--health-port",
            "0")) {
      assertThat(p.awaitExit(Duration.ofSeconds(60))).as(p.output()).isEqualTo(1);
      assertThat(p.stderr())
          .contains("cannot reach the Kubernetes API server at http://127.0.0.1:" + port);
    }
  }
}
