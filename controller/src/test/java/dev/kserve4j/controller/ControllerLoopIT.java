package dev.kserve4j.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.DOUBLE;
import static org.assertj.core.api.InstanceOfAssertFactories.LONG;

import dev.kserve4j.api.ResourceCodec;
import dev.kserve4j.api.v1alpha1.ServingRuntime;
import dev.kserve4j.api.v1beta1.InferenceService;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.Closeable;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The running operator: events alone take an InferenceService to Ready. */
@EnableKubernetesMockClient(crud = true)
class ControllerLoopIT {
  KubernetesClient client;

  @Test
  void aDeploymentBecomingAvailableMakesItsInferenceServiceReady() throws Exception {
    TestCluster.install(client, "inferenceservices");
    ResourceCodec codec = new ResourceCodec();
    ControllerConfig config = ControllerConfig.defaults().withNamespaces(Set.of("kserve-test"));
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (Closeable running = ControllerMain.start(client, config, registry)) {
      InferenceService isvc =
          codec.readAll(GoldenCases.GOLDEN.resolve("sklearn-iris.isvc.yaml")).stream()
              .map(InferenceService.class::cast)
              .findFirst()
              .orElseThrow();
      isvc.getMetadata().setUid(null);
      client.resource(isvc).create();

      Deployment deployment =
          TestCluster.await(
              "Deployment sklearn-iris-predictor",
              () ->
                  client
                      .apps()
                      .deployments()
                      .inNamespace("kserve-test")
                      .withName("sklearn-iris-predictor")
                      .get());
      deployment.setStatus(
          new DeploymentStatusBuilder().withReplicas(1).withAvailableReplicas(1).build());
      client.apps().deployments().inNamespace("kserve-test").resource(deployment).updateStatus();

      InferenceService ready =
          TestCluster.await(
              "InferenceService sklearn-iris Ready",
              () -> {
                InferenceService now =
                    client
                        .resources(InferenceService.class)
                        .inNamespace("kserve-test")
                        .withName("sklearn-iris")
                        .get();
                return now.getStatus() != null && now.getStatus().isReady() ? now : null;
              });
      assertThat(ready.getStatus().getUrl())
          .isEqualTo("http://sklearn-iris-kserve-test.example.com");
      // The reconcile that wrote Ready is counted after it returns: await the metrics, not read
      // them.
      Awaitility.await("reconcile metrics of kind InferenceService")
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                assertThat(
                        registry
                            .find("controller.runtime.reconcile")
                            .tags("kind", "InferenceService", "result", "success")
                            .counter())
                    .isNotNull()
                    .extracting(c -> c.count())
                    .asInstanceOf(DOUBLE)
                    .isPositive();
                assertThat(
                        registry
                            .find("controller.runtime.reconcile.time")
                            .tag("kind", "InferenceService")
                            .timer())
                    .isNotNull()
                    .extracting(t -> t.count())
                    .asInstanceOf(LONG)
                    .isPositive();
                assertThat(registry.find("workqueue.depth").tag("kind", "InferenceService").gauge())
                    .isNotNull();
              });
    }
    assertThat(registry.find("workqueue.depth").gauge()).as("removed when the loop stops").isNull();
  }

  @Test
  void aServingRuntimeCreatedLaterServesTheInferenceServiceThatHadNone() throws Exception {
    TestCluster.install(client, "inferenceservices", "servingruntimes", "clusterservingruntimes");
    List<HasMetadata> docs =
        new ResourceCodec().readAll(GoldenCases.GOLDEN.resolve("custom-runtime.isvc.yaml"));
    InferenceService isvc =
        docs.stream()
            .filter(InferenceService.class::isInstance)
            .map(InferenceService.class::cast)
            .findFirst()
            .orElseThrow();
    isvc.getMetadata().setUid(null);
    // Resync and retry are far off: only the runtime's own event can bring the service back.
    ControllerConfig defaults = ControllerConfig.defaults().withNamespaces(Set.of("ml"));
    ControllerConfig config =
        new ControllerConfig(
            defaults.namespaces(),
            defaults.render(),
            defaults.plan(),
            Duration.ofHours(1),
            Duration.ofHours(1));
    try (Closeable running = ControllerMain.start(client, config)) {
      client.resource(isvc).create();
      TestCluster.await(
          "InferenceService fraud with NoSupportingRuntime",
          () -> {
            InferenceService now =
                client.resources(InferenceService.class).inNamespace("ml").withName("fraud").get();
            return now.getStatus() != null
                    && now.getStatus()
                        .condition("Ready")
                        .filter(c -> "NoSupportingRuntime".equals(c.reason()))
                        .isPresent()
                ? now
                : null;
          });

      client
          .resource(
              docs.stream().filter(ServingRuntime.class::isInstance).findFirst().orElseThrow())
          .create();

      Deployment deployment =
          TestCluster.await(
              "Deployment fraud-predictor",
              () ->
                  client.apps().deployments().inNamespace("ml").withName("fraud-predictor").get());
      assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().getFirst().getImage())
          .isEqualTo("example.com/onnx-server:2.1");
    }
  }
}
