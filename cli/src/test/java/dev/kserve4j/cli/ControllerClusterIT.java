package dev.kserve4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kserve4j.api.ResourceCodec;
import dev.kserve4j.api.v1alpha1.ClusterServingRuntime;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * {@code kserve4j controller} against an API server (fabric8's, in CRUD mode): the settings of
 * inferenceservice-config, Prometheus metrics after reconciling, and a SIGTERM that releases the
 * leader Lease.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class ControllerClusterIT {
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  private static final Pattern PORT = Pattern.compile("on ports \\[(\\d+)");
  private static final String SYSTEM = "kserve4j-system";

  KubernetesClient client;

  @Test
  void reconcilesWithTheConfigMapServesMetricsAndReleasesTheLeaseOnSigterm() throws Exception {
    installCrdsAndRuntimes();
    ConfigMap shipped = read(ROOT.resolve("deploy/controller/configmap.yaml"));
    Map<String, String> data = new HashMap<>(shipped.getData());
    data.put(
        "ingress",
        data.get("ingress")
            .replace(
                "\"ingressDomain\": \"example.com\"", "\"ingressDomain\": \"ml.example.org\""));
    data.put(
        "storageInitializer",
        data.get("storageInitializer")
            .replace("\"memoryLimit\": \"1Gi\"", "\"memoryLimit\": \"2Gi\""));
    shipped.setData(data);
    client.configMaps().inNamespace(SYSTEM).resource(shipped).create();

    try (Kserve4jProcess p =
        Kserve4jProcess.start(
            env(Map.of("POD_NAMESPACE", SYSTEM, "POD_NAME", "controller-0")),
            "controller",
            "--namespace",
            "kserve-test",
            "--health-port",
            "0",
            "--metrics-port",
            "0")) {
      int port =
          port(p.awaitLine(l -> l.contains("kserve4j controller ready"), Duration.ofSeconds(90)));
      // No deploymentMode annotation: the ConfigMap's RawDeployment default makes it Standard.
      client
          .resource(
              new ResourceCodec()
                  .read(
                      """
                      apiVersion: serving.kserve.io/v1beta1
                      kind: InferenceService
                      metadata: {name: sklearn-iris, namespace: kserve-test}
                      spec:
                        predictor:
                          model: {modelFormat: {name: sklearn}, storageUri: "gs://kfserving-examples/models/sklearn/1.0/model"}
                      """,
                      "isvc",
                      dev.kserve4j.api.v1beta1.InferenceService.class))
          .create();

      Deployment deployment =
          await(
              "Deployment sklearn-iris-predictor",
              () ->
                  client
                      .apps()
                      .deployments()
                      .inNamespace("kserve-test")
                      .withName("sklearn-iris-predictor")
                      .get());
      Container init = deployment.getSpec().getTemplate().getSpec().getInitContainers().getFirst();
      assertThat(init.getImage()).isEqualTo("ghcr.io/kserve4j/kserve4j-server:0.1.0");
      assertThat(init.getArgs())
          .startsWith("storage-initializer", "gs://kfserving-examples/models/sklearn/1.0/model");
      assertThat(init.getResources().getLimits()).containsEntry("memory", new Quantity("2Gi"));
      assertThat(
              await(
                      "Ingress sklearn-iris",
                      () ->
                          client
                              .network()
                              .v1()
                              .ingresses()
                              .inNamespace("kserve-test")
                              .withName("sklearn-iris")
                              .get())
                  .getSpec()
                  .getRules()
                  .getFirst()
                  .getHost())
          .isEqualTo("sklearn-iris-kserve-test.ml.example.org");

      // The reconcile is counted after it returns, and its time recorded apart from the count:
      // every series is awaited, none read after seeing another.
      Awaitility.await("the reconcile metrics on /metrics")
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(get("http://127.0.0.1:" + port + "/metrics"))
                      .contains(
                          "controller_runtime_reconcile_total{controller=\"inferenceservice\",kind=\"InferenceService\",result=\"success\"}",
                          "controller_runtime_reconcile_time_seconds_count{controller=\"inferenceservice\"",
                          "workqueue_depth{kind=\"InferenceService\",name=\"inferenceservice\"}",
                          "jvm_memory_used_bytes",
                          "process_uptime_seconds"));
      assertThat(lease().getSpec().getHolderIdentity()).isEqualTo("controller-0");

      p.terminate();
      assertThat(p.awaitExit(Duration.ofSeconds(30))).as(p.output()).isZero();
      assertThat(p.stdout())
          .contains("released the leader Lease kserve4j-system/kserve4j-controller", "stopped");
      // Released as client-go releases: a 1-second lease renewed at shutdown, so a standby replica
      // takes over at once instead of after the 15-second lease. (The release also clears the
      // holder, which fabric8's CRUD API server keeps on update.)
      Lease released = lease();
      assertThat(released.getSpec().getLeaseDurationSeconds())
          .as("released: %s%n%s", released, p.output())
          .isEqualTo(1);
      assertThat(p.stdout()).contains("leader is null");
    }
  }

  @Test
  void withoutAConfigMapKServeDefaultsApplyAndTheLogSaysSo() {
    try (Kserve4jProcess p =
        Kserve4jProcess.start(
            env(Map.of()),
            "controller",
            "--no-leader-election",
            "--health-port",
            "0",
            "--metrics-port",
            "0",
            "--config-namespace",
            "nowhere")) {
      p.awaitLine(
          l ->
              l.contains(
                  "ConfigMap nowhere/inferenceservice-config not found: using the default"
                      + " settings"),
          Duration.ofSeconds(90));
      p.awaitLine(l -> l.contains("kserve4j controller ready"), Duration.ofSeconds(30));
      p.terminate();
      assertThat(p.awaitExit(Duration.ofSeconds(30))).as(p.output()).isZero();
    }
  }

  @Test
  void aMalformedConfigMapExitsOneNamingTheKey() {
    client
        .configMaps()
        .inNamespace("settings")
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("isvc-config")
                .endMetadata()
                .withData(
                    Map.of(
                        "ingress", "{\"ingressGateway\": \"a/b\", \"enableGatewayApi\": \"yes\"}"))
                .build())
        .create();

    try (Kserve4jProcess p =
        Kserve4jProcess.start(
            env(Map.of("POD_NAMESPACE", "settings")),
            "controller",
            "--no-leader-election",
            "--health-port",
            "0",
            "--metrics-port",
            "0",
            "--configmap",
            "isvc-config")) {
      assertThat(p.awaitExit(Duration.ofSeconds(60))).as(p.output()).isEqualTo(1);
      assertThat(p.stderr())
          .contains(
              "kserve4j: ConfigMap settings/isvc-config: key 'ingress': enableGatewayApi is"
                  + " \"yes\" (expected true or false)");
    }
  }

  @Test
  void aWebhookCertDirWithoutCertificatesExitsOneNamingTheFile(
      @org.junit.jupiter.api.io.TempDir Path empty) {
    try (Kserve4jProcess p =
        Kserve4jProcess.start(
            env(Map.of()),
            "controller",
            "--no-leader-election",
            "--health-port",
            "0",
            "--metrics-port",
            "0",
            "--config-namespace",
            "nowhere",
            "--webhook-port",
            "0",
            "--webhook-cert-dir",
            empty.toString())) {
      assertThat(p.awaitExit(Duration.ofSeconds(90))).as(p.output()).isEqualTo(1);
      assertThat(p.stderr()).contains(empty.resolve("tls.crt").toString());
    }
  }

  private Map<String, String> env(Map<String, String> more) {
    Map<String, String> env = new HashMap<>(more);
    env.put("KUBECONFIG", "/nonexistent/kubeconfig");
    env.put("KUBERNETES_MASTER", client.getConfiguration().getMasterUrl());
    env.put("KUBERNETES_AUTH_TRYKUBECONFIG", "false");
    env.put("KUBERNETES_AUTH_TRYSERVICEACCOUNT", "false");
    // HTTP/1.1 as the test's own client speaks it: the mock server's Vert.x, on the Netty that
    // Armeria brings to this class path, fails the h2c upgrade.
    env.put("HTTP2_DISABLE", "true"); // fabric8 reads the property http2.disable under this name
    return env;
  }

  private void installCrdsAndRuntimes() {
    for (String crd :
        new String[] {"inferenceservices", "clusterservingruntimes", "servingruntimes"}) {
      client
          .apiextensions()
          .v1()
          .customResourceDefinitions()
          .load(ROOT.resolve("deploy/crds/" + crd + ".serving.kserve.io-v1.yml").toFile())
          .create();
    }
    for (HasMetadata runtime :
        new ResourceCodec().readAll(ROOT.resolve("deploy/runtimes/kserve4j-runtimes.yaml"))) {
      if (runtime instanceof ClusterServingRuntime csr) {
        client.resource(csr).create();
      }
    }
  }

  private Lease lease() {
    return client.leases().inNamespace(SYSTEM).withName("kserve4j-controller").get();
  }

  private static int port(String readyLine) {
    Matcher m = PORT.matcher(readyLine);
    assertThat(m.find()).as("ports in %s", readyLine).isTrue();
    return Integer.parseInt(m.group(1));
  }

  private static String get(String url) {
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(
              HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static ConfigMap read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return Serialization.unmarshal(in, ConfigMap.class);
    }
  }

  /** The first non-null value of {@code probe}, polled for up to 30 s. */
  private static <T> T await(String what, Supplier<T> probe) {
    return Awaitility.await(what)
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(probe::get, Objects::nonNull);
  }
}
