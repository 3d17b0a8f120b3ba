package dev.kserve4j.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kserve4j.api.ResourceCodec;
import dev.kserve4j.api.v1beta1.InferenceService;
import dev.kserve4j.api.v1beta1.PredictorSpec;
import org.junit.jupiter.api.Test;

class CanarySpecMergeTest {
  private static InferenceService isvc(String canary) {
    return new ResourceCodec()
        .read(
            """
            apiVersion: serving.kserve.io/v1beta1
            kind: InferenceService
            metadata: {name: iris}
            spec:
              predictor:
                minReplicas: 2
                serviceAccountName: reader
                model:
                  modelFormat: {name: onnx}
                  runtime: kserve4j-onnx
                  storageUri: s3://stable
              canary:
              - trafficPercent: 10
                predictor:
                  name: v2
            %s
            """
                .formatted(canary.indent(6)),
            "test",
            InferenceService.class);
  }

  private static PredictorSpec merged(InferenceService isvc) {
    return CanarySpecMerge.over(
        isvc.getSpec().getPredictor(), isvc.getSpec().getCanary().getFirst().predictor());
  }

  @Test
  void aCanaryModelWithOnlyAStorageUriKeepsTheStableFormatAndRuntime() {
    PredictorSpec p = merged(isvc("model: {storageUri: s3://canary}"));
    assertThat(p.getName()).isEqualTo("v2");
    assertThat(p.getModel().getStorageUri()).isEqualTo("s3://canary");
    assertThat(p.getModel().getModelFormat().name()).isEqualTo("onnx");
    assertThat(p.getModel().getRuntime()).isEqualTo("kserve4j-onnx");
    assertThat(p.getServiceAccountName()).isEqualTo("reader");
    assertThat(p.getMinReplicas()).isNull();
  }

  @Test
  void aCanaryOfAnotherImplementationDropsTheStableOne() {
    PredictorSpec p = merged(isvc("sklearn: {storageUri: s3://canary}"));
    assertThat(p.getModel()).isNull();
    assertThat(p.getSklearn().getStorageUri()).isEqualTo("s3://canary");
  }
}
