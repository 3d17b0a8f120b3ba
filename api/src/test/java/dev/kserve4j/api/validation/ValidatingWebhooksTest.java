package dev.kserve4j.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kserve4j.api.ResourceCodec;
import dev.kserve4j.api.v1alpha1.InferenceGraph;
import dev.kserve4j.api.v1beta1.InferenceService;
import org.junit.jupiter.api.Test;

class ValidatingWebhooksTest {
  private final ResourceCodec codec = new ResourceCodec();
  private final ValidatingWebhooks webhooks = new ValidatingWebhooks();

  private InferenceService isvc(String name, String predictor) {
    return codec.read(
        "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata: {name: '"
            + name
            + "'}\nspec:\n  predictor:\n"
            + predictor.indent(4),
        "test",
        InferenceService.class);
  }

  @Test
  void aValidInferenceServiceIsAdmitted() {
    assertThat(webhooks.inferenceService(isvc("iris", "sklearn: {storageUri: gs://b}"), null))
        .isEmpty();
  }

  @Test
  void minReplicasOverMaxReplicasIsDeniedWithKServesMessage() {
    InferenceService isvc =
        isvc("iris", "minReplicas: 3\nmaxReplicas: 1\nsklearn: {storageUri: gs://b}");

    assertThat(webhooks.inferenceService(isvc, null))
        .hasValue("'MinReplicas' cannot be greater than MaxReplicas (maxReplicas: 1)");
  }

  @Test
  void eachProblemIsReportedOnceJoined() {
    InferenceService isvc =
        isvc("A_B", "minReplicas: 3\nmaxReplicas: 1\nsklearn: {storageUri: gs://b}");

    assertThat(webhooks.inferenceService(isvc, null).orElseThrow())
        .startsWith(
            "the InferenceService \"A_B\" is invalid: a InferenceService name must consist of")
        .endsWith("?'); 'MinReplicas' cannot be greater than MaxReplicas (maxReplicas: 1)");
  }

  @Test
  void anUpdateIsCheckedAgainstTheStoredResourceFirst() {
    InferenceService stored = isvc("iris", "name: a\nsklearn: {storageUri: gs://b}");
    InferenceService renamed = isvc("iris", "name: b\nsklearn: {storageUri: gs://b}");

    assertThat(webhooks.inferenceService(renamed, stored))
        .hasValue("predictor.name change requires a model change (e.g. storageUri)");
    assertThat(webhooks.inferenceService(renamed, null)).isEmpty();
  }

  @Test
  void graphNamesFollowTheSameRule() {
    InferenceGraph graph =
        codec.read(
            "apiVersion: serving.kserve.io/v1alpha1\n"
                + "kind: InferenceGraph\n"
                + "metadata: {name: '../../etc'}\n"
                + "spec:\n"
                + "  nodes:\n"
                + "    root:\n"
                + "      routerType: Sequence\n"
                + "      steps: [{serviceName: iris}]\n",
            "test",
            InferenceGraph.class);

    assertThat(webhooks.inferenceGraph(graph))
        .hasValue(
            "The InferenceGraph \"../../etc\" is invalid: a InferenceGraph name must consist of"
                + " lower case alphanumeric characters or '-', and must start with alphabetical"
                + " character. (e.g. \"my-name\" or \"abc-123\", regex used for validation is"
                + " '[a-z]([-a-z0-9]*[a-z0-9])?')");
  }

  @Test
  void aDenialReadsAsTheApiServerReportsIt() {
    assertThat(ValidatingWebhooks.deniedBy(ValidatingWebhooks.INFERENCE_SERVICE, "no"))
        .isEqualTo(
            "admission webhook \"inferenceservice.kserve-webhook-server.validator\" denied the"
                + " request: no");
  }
}
