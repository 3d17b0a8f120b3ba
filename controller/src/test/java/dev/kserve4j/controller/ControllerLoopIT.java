package dev.kserve4j.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kserve4j.api.ResourceCodec;
import dev.kserve4j.api.v1beta1.InferenceService;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.Closeable;
import java.util.Set;
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
      InferenceService isvc = codec.readAll(GoldenCases.GOLDEN.resolve("sklearn-iris.isvc.yaml")).stream()
          .map(InferenceService.class::cast).findFirst().orElseThrow();
      isvc.getMetadata().setUid(null);
      client.resource(isvc).create();

      Deployment deployment = TestCluster.await(() -> client.apps().deployments().inNamespace("kserve-test")
          .withName("sklearn-iris-predictor").get());
      deployment.setStatus(new DeploymentStatusBuilder().withReplicas(1).withAvailableReplicas(1).build());
      client.apps().deployments().inNamespace("kserve-test").resource(deployment).updateStatus();

      InferenceService ready = TestCluster.await(() -> {
        InferenceService now = client.resources(InferenceService.class).inNamespace("kserve-test")
            .withName("sklearn-iris").get();
        return now.getStatus() != null && now.getStatus().isReady() ? now : null;
      });
      assertThat(ready.getStatus().getUrl()).isEqualTo("http://sklearn-iris-kserve-test.example.com");
      assertThat(registry.get("controller.runtime.reconcile")
          .tags("kind", "InferenceService", "result", "success").counter().count()).isPositive();
      assertThat(registry.get("controller.runtime.reconcile.time").tag("kind", "InferenceService").timer().count())
          .isPositive();
      assertThat(registry.get("workqueue.depth").tag("kind", "InferenceService").gauge()).isNotNull();
    }
    assertThat(registry.find("workqueue.depth").gauge()).as("removed when the loop stops").isNull();
  }

}
