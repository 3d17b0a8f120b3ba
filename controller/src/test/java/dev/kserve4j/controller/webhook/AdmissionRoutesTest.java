package dev.kserve4j.controller.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kserve4j.api.ResourceCodec;
import dev.kserve4j.api.v1alpha1.ServingRuntime;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The validators behind each path, called directly; the runtimes are listed from fabric8's CRUD API
 * server.
 */
@EnableKubernetesMockClient(crud = true)
class AdmissionRoutesTest {
  private static final YAMLMapper YAML = new YAMLMapper();
  KubernetesClient client;
  private Map<String, AdmissionValidator> routes;

  @BeforeEach
  void setUp() {
    routes = new AdmissionRoutes(client).all();
  }

  private static JsonNode isvc(String annotations, String status, String predictor)
      throws IOException {
    return YAML.readTree(
        "apiVersion: serving.kserve.io/v1beta1\n"
            + "kind: InferenceService\n"
            + "metadata: {name: iris, namespace: ns, annotations: {"
            + annotations
            + "}}\nspec:\n  predictor:\n"
            + predictor.indent(4)
            + "status: {"
            + status
            + "}\n");
  }

  private Verdict update(JsonNode now, JsonNode old) {
    return routes
        .get(AdmissionRoutes.INFERENCE_SERVICE)
        .review(new AdmissionRequest("u", "UPDATE", "ns", now, old));
  }

  @Test
  void anUpdateMayNotChangeTheRecordedDeploymentMode() throws IOException {
    JsonNode old = isvc("", "deploymentMode: RawDeployment", "sklearn: {storageUri: 'gs://b/m'}");

    Verdict changed =
        update(
            isvc(
                "serving.kserve.io/deploymentMode: Knative",
                "",
                "sklearn: {storageUri: 'gs://b/m'}"),
            old);
    Verdict legacyName =
        update(
            isvc(
                "serving.kserve.io/deploymentMode: RawDeployment",
                "",
                "sklearn: {storageUri: 'gs://b/m'}"),
            old);

    assertThat(changed)
        .isEqualTo(
            Verdict.deny(
                "update rejected: deploymentMode cannot be changed from 'Standard' to 'Knative'"));
    assertThat(legacyName.allowed()).isTrue();
  }

  @Test
  void renamingThePredictorNeedsANewModel() throws IOException {
    JsonNode old = isvc("", "", "sklearn: {storageUri: 'gs://b/m'}");

    Verdict sameModel =
        update(
            isvc("", "", "name: v2\nmodel: {modelFormat: {name: sklearn}, storageUri: 'gs://b/m'}"),
            old);
    Verdict newModel = update(isvc("", "", "name: v2\nsklearn: {storageUri: 'gs://b/m2'}"), old);

    assertThat(sameModel)
        .isEqualTo(Verdict.deny("predictor.name change requires a model change (e.g. storageUri)"));
    assertThat(newModel.allowed()).isTrue();
  }

  @Test
  void anUpdateOfAnObjectBeingDeletedIsAllowed() throws IOException {
    JsonNode deleting = isvc("", "", "minReplicas: 1");
    ((ObjectNode) deleting.path("metadata")).put("deletionTimestamp", "2026-01-01T00:00:00Z");

    assertThat(update(deleting, isvc("", "", "sklearn: {storageUri: 'gs://b/m'}")).allowed())
        .isTrue();
    assertThat(
            routes
                .get(AdmissionRoutes.INFERENCE_SERVICE)
                .review(
                    new AdmissionRequest("u", "CREATE", "ns", deleting, MissingNode.getInstance()))
                .allowed())
        .isFalse();
  }

  @Test
  void aMissingObjectIsA400() {
    Verdict verdict =
        routes
            .get(AdmissionRoutes.SERVING_RUNTIME)
            .review(
                new AdmissionRequest(
                    "u", "CREATE", "ns", MissingNode.getInstance(), MissingNode.getInstance()));

    assertThat(verdict.allowed()).isFalse();
    assertThat(verdict.code()).isEqualTo(400);
    assertThat(verdict.message())
        .contains("request.object")
        .contains("expected exactly one ServingRuntime");
  }

  @Test
  void aServingRuntimeWithoutNamespaceTakesTheRequestsNamespace() throws IOException {
    String spec =
        "spec: {protocolVersions: [v2], supportedModelFormats: [{name: onnx, autoSelect: true,"
            + " priority: 3}]}\n";
    client
        .resource(
            new ResourceCodec()
                .read(
                    "apiVersion: serving.kserve.io/v1alpha1\nkind: ServingRuntime\n"
                        + "metadata: {name: a, namespace: team}\n"
                        + spec,
                    "test",
                    ServingRuntime.class))
        .create();

    Verdict verdict =
        routes
            .get(AdmissionRoutes.SERVING_RUNTIME)
            .review(
                new AdmissionRequest(
                    "u",
                    "CREATE",
                    "team",
                    YAML.readTree(
                        "apiVersion: serving.kserve.io/v1alpha1\n"
                            + "kind: ServingRuntime\n"
                            + "metadata: {name: b}\n"
                            + spec),
                    MissingNode.getInstance()));

    assertThat(verdict)
        .isEqualTo(
            Verdict.deny(
                "same priority assigned for the model format onnx in the servingruntimes a and b in"
                    + " namespace team"));
  }
}
