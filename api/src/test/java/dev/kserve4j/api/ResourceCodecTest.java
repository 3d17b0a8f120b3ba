package dev.kserve4j.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.kserve4j.api.v1alpha1.InferenceGraph;
import dev.kserve4j.api.v1alpha1.RouterType;
import dev.kserve4j.api.v1alpha1.StepDependency;
import dev.kserve4j.api.v1alpha1.TrainedModel;
import dev.kserve4j.api.v1beta1.InferenceService;
import dev.kserve4j.api.v1beta1.LoggerMode;
import dev.kserve4j.api.v1beta1.ModelFormat;
import dev.kserve4j.api.v1beta1.ModelState;
import dev.kserve4j.api.v1beta1.PredictorSpec;
import dev.kserve4j.api.v1beta1.ScaleMetric;
import dev.kserve4j.api.v1beta1.TransitionStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResourceCodecTest {
  private static final ObjectMapper TREES = new ObjectMapper(new YAMLFactory());
  private final ResourceCodec codec = new ResourceCodec();

  static String resource(String name) {
    try (InputStream in = ResourceCodecTest.class.getResourceAsStream("/resources/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError(name, e);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "sklearn-iris.yaml",
        "model-format.yaml",
        "transformer.yaml",
        "canary.yaml",
        "inference-graph.yaml",
        "trained-model.yaml",
        "unknown-fields.yaml"
      })
  void yamlAndJsonRoundTripsKeepEveryField(String name) throws IOException {
    String text = resource(name);
    HasMetadata resource = codec.read(text, name, HasMetadata.class);

    JsonNode original = TREES.readTree(text);
    assertThat(TREES.readTree(codec.toYaml(resource))).isEqualTo(original);
    assertThat(TREES.readTree(codec.toJson(resource))).isEqualTo(original);
    HasMetadata again = codec.read(codec.toJson(resource), name + " as JSON", HasMetadata.class);
    assertThat(again).isEqualTo(resource);
  }

  @Test
  void frameworkShortcutCarriesStorageUri() {
    InferenceService isvc = codec.read(resource("sklearn-iris.yaml"), "t", InferenceService.class);

    assertThat(isvc.getMetadata().getNamespace()).isEqualTo("kserve-test");
    assertThat(isvc.getSpec().getPredictor().getSklearn().getStorageUri())
        .isEqualTo("gs://kfserving-examples/models/sklearn/1.0/model");
    assertThat(isvc.getSpec().getPredictor().getModel()).isNull();
  }

  @Test
  void modelSpecCarriesFormatRuntimeProtocolAndComponentFields() {
    PredictorSpec predictor =
        codec
            .read(resource("model-format.yaml"), "t", InferenceService.class)
            .getSpec()
            .getPredictor();

    assertThat(predictor.getModel().getModelFormat()).isEqualTo(new ModelFormat("sklearn", "1"));
    assertThat(predictor.getModel().getRuntime()).isEqualTo("kserve-sklearnserver");
    assertThat(predictor.getModel().getProtocolVersion()).isEqualTo(ProtocolVersion.V2);
    assertThat(predictor.getModel().getResources().getLimits().get("memory"))
        .isEqualTo(new Quantity("1Gi"));
    assertThat(predictor.getModel().getEnv().get(0).getValue()).isEqualTo("30");
    assertThat(predictor.getMinReplicas()).isZero();
    assertThat(predictor.getMaxReplicas()).isEqualTo(3);
    assertThat(predictor.getScaleMetric()).isEqualTo(ScaleMetric.CONCURRENCY);
    assertThat(predictor.getContainerConcurrency()).isEqualTo(10L);
    assertThat(predictor.getTimeout()).isEqualTo(60L);
    assertThat(predictor.getLogger().mode()).isEqualTo(LoggerMode.ALL);
    assertThat(predictor.getBatcher().maxBatchSize()).isEqualTo(32);
    assertThat(predictor.getLabels()).containsEntry("team", "ml");
  }

  @Test
  void transformerIsAPodSpecBesideThePredictor() {
    InferenceService isvc = codec.read(resource("transformer.yaml"), "t", InferenceService.class);

    assertThat(isvc.getSpec().getTransformer().getContainers())
        .singleElement()
        .satisfies(c -> assertThat(c.getArgs()).containsExactly("--model_name", "mnist"));
    assertThat(isvc.getSpec().getPredictor().getModel().getModelFormat().name())
        .isEqualTo("pytorch");
  }

  @Test
  void canaryAndStatusAreTyped() {
    InferenceService isvc = codec.read(resource("canary.yaml"), "t", InferenceService.class);

    assertThat(isvc.getSpec().getPredictor().getCanaryTrafficPercent()).isEqualTo(10L);
    assertThat(isvc.getSpec().getCanary())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.trafficPercent()).isEqualTo(20);
              assertThat(c.predictor().getName()).isEqualTo("challenger");
              assertThat(c.predictor().getXgboost().getStorageUri()).endsWith("xgboost/iris");
            });
    var status = isvc.getStatus();
    assertThat(status.isReady()).isFalse();
    assertThat(status.condition("PredictorReady"))
        .hasValueSatisfying(c -> assertThat(c.isTrue()).isTrue());
    var predictor = status.getComponents().get("predictor");
    assertThat(predictor.previousRolledoutRevision()).isEqualTo("sklearn-iris-predictor-00001");
    assertThat(predictor.traffic()).extracting(t -> t.percent()).containsExactly(10L, 90L);
    assertThat(status.getModelStatus().transitionStatus())
        .isEqualTo(TransitionStatus.BLOCKED_BY_FAILED_LOAD);
    assertThat(status.getModelStatus().states().targetModelState())
        .isEqualTo(ModelState.FAILED_TO_LOAD);
    assertThat(status.getModelStatus().lastFailureInfo().exitCode()).isEqualTo(1);
    assertThat(status.getModelStatus().copies().failedCopies()).isEqualTo(1);
    assertThat(status.getCanaryStatuses())
        .singleElement()
        .satisfies(c -> assertThat(c.ready()).isTrue());
  }

  @Test
  void inferenceGraphNodesAndTrainedModel() {
    InferenceGraph graph = codec.read(resource("inference-graph.yaml"), "t", InferenceGraph.class);
    TrainedModel model = codec.read(resource("trained-model.yaml"), "t", TrainedModel.class);

    assertThat(graph.getSpec().getNodes()).containsKeys("root", "splitter", "ensemble");
    var root = graph.getSpec().getNodes().get("root");
    assertThat(root.routerType()).isEqualTo(RouterType.SEQUENCE);
    assertThat(root.steps().get(1).data()).isEqualTo("$request");
    assertThat(root.steps().get(1).dependency()).isEqualTo(StepDependency.HARD);
    assertThat(graph.getSpec().getNodes().get("splitter").steps())
        .extracting(s -> s.weight())
        .containsExactly(80L, 20L);
    assertThat(model.getSpec().getModel().memory()).isEqualTo(new Quantity("256Mi"));
    assertThat(model.getSpec().getInferenceService()).isEqualTo("sklearn-iris-example");
  }

  @Test
  void unknownFieldsAreKeptAtEveryLevel() {
    InferenceService isvc =
        codec.read(resource("unknown-fields.yaml"), "t", InferenceService.class);

    assertThat(isvc.getMetadata().getAdditionalProperties())
        .containsEntry("futureMetadataField", "kept");
    assertThat(isvc.getSpec().getAdditionalProperties()).containsKey("futureSpecField");
    assertThat(isvc.getSpec().getPredictor().getAdditionalProperties())
        .containsEntry("futurePredictorField", true);
    assertThat(isvc.getSpec().getPredictor().getModel().getAdditionalProperties())
        .containsEntry("futureModelField", 7);
    assertThat(isvc.getSpec().getPredictor().getModel().getModelFormat().additionalProperties())
        .containsEntry("futureFormatField", "x");
    assertThat(isvc.getSpec().getPredictor().getLogger().additionalProperties())
        .containsEntry("futureLoggerField", "z");
    assertThat(isvc.getStatus().getAdditionalProperties()).containsEntry("futureStatusField", 42);
    assertThat(isvc.getStatus().getConditions().get(0).additionalProperties())
        .containsEntry("futureConditionField", "c");
  }

  @Test
  void readsManyDocumentsAndKubernetesLists() {
    String stream =
        resource("sklearn-iris.yaml") + "---\n" + resource("trained-model.yaml") + "---\n";
    String list =
        """
        {"apiVersion": "v1", "kind": "List", "items": [
          {"apiVersion": "serving.kserve.io/v1alpha1", "kind": "TrainedModel", "metadata": {"name": "a"}},
          {"apiVersion": "serving.kserve.io/v1beta1", "kind": "InferenceService", "metadata": {"name": "b"}}]}
        """;

    List<HasMetadata> many = codec.readAll(stream, "stream.yaml");
    assertThat(many)
        .extracting(HasMetadata::getKind)
        .containsExactly("InferenceService", "TrainedModel");
    assertThat(codec.readAll(codec.toYaml(many), "again")).isEqualTo(many);
    assertThat(codec.readAll(list, "list.json"))
        .extracting(r -> r.getMetadata().getName())
        .containsExactly("a", "b");
  }
}
