package dev.kserve4j.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kserve4j.api.ResourceCodec;
import dev.kserve4j.api.v1beta1.InferenceService;
import dev.kserve4j.plan.InferenceServicePlanner;
import dev.kserve4j.plan.PlanConfig;
import dev.kserve4j.plan.PlanResult;
import dev.kserve4j.plan.RuntimeCandidate;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmbeddedRuntimesTest {
  private static final List<RuntimeCandidate> RUNTIMES = EmbeddedRuntimes.clusterRuntimes();

  @Test
  void readsKServe4jClusterServingRuntimesFromTheClassPath() {
    assertThat(RUNTIMES)
        .extracting(RuntimeCandidate::name)
        .containsExactlyInAnyOrder(
            "kserve4j-onnx",
            "kserve4j-xgboost",
            "kserve4j-lightgbm",
            "kserve4j-pmml",
            "kserve4j-pytorch",
            "kserve4j-tensorflow",
            "kserve4j-sklearn",
            "kserve4j-llm");
    assertThat(RUNTIMES).allMatch(RuntimeCandidate::clusterScoped);
  }

  @Test
  void theFormatOfEachPlannedPredictorIsItsRuntimesModelFormatArgument() {
    for (String format :
        List.of("onnx", "xgboost", "lightgbm", "pmml", "pytorch", "tensorflow", "sklearn")) {
      assertThat(EmbeddedRuntimes.format(planned(format).predictor()))
          .as("format served for modelFormat %s", format)
          .contains(format);
    }
  }

  private static dev.kserve4j.plan.InferenceServicePlan planned(String format) {
    InferenceService isvc =
        new ResourceCodec()
            .read(
                """
                apiVersion: serving.kserve.io/v1beta1
                kind: InferenceService
                metadata: {name: m, namespace: ns}
                spec:
                  predictor:
                    model:
                      modelFormat: {name: %s}
                      storageUri: file:///models/m
                """
                    .formatted(format),
                "test",
                InferenceService.class);
    PlanResult result =
        new InferenceServicePlanner().plan(isvc, List.of(), RUNTIMES, PlanConfig.defaults());
    assertThat(result).isInstanceOf(PlanResult.Planned.class);
    return ((PlanResult.Planned) result).plan();
  }
}
