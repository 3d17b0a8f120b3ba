package dev.kserve4j.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kserve4j.api.ProtocolVersion;
import dev.kserve4j.api.ResourceCodec;
import dev.kserve4j.api.v1beta1.InferenceService;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * How a step's {@code serviceName} becomes a URL, case by case of KServe's {@code
 * GetPredictorEndpoint}.
 */
class PredictorEndpointTest {
  private static final ResourceCodec CODEC = new ResourceCodec();
  private static final String ADDRESS = "http://m-predictor.ns.svc.cluster.local";
  private static final PredictorEndpoint.Runtimes RUNTIMES =
      (ns, name) ->
          Optional.ofNullable(
              Map.of(
                      "both",
                          List.of(ProtocolVersion.GRPC_V2, ProtocolVersion.V2, ProtocolVersion.V1),
                      "grpc-only", List.of(ProtocolVersion.GRPC_V2),
                      "unstated", List.<ProtocolVersion>of())
                  .get(name));

  private static InferenceService isvc(String predictor, boolean addressed) {
    String yaml =
        """
        apiVersion: serving.kserve.io/v1beta1
        kind: InferenceService
        metadata:
          name: m
          namespace: ns
        spec:
          predictor:
        %s
        """
                .formatted(predictor.indent(4).stripTrailing())
            + (addressed ? "status:\n  address:\n    url: " + ADDRESS + "\n" : "");
    return CODEC.read(yaml, "test InferenceService", InferenceService.class);
  }

  private static PredictorEndpoint.Resolution resolve(String predictor) {
    return PredictorEndpoint.resolve(isvc(predictor, true), RUNTIMES);
  }

  @Test
  void aServiceWithoutAnAddressIsNotReady() {
    PredictorEndpoint.Resolution r =
        PredictorEndpoint.resolve(isvc("sklearn: {storageUri: gs://b/m}", false), RUNTIMES);
    assertThat(r.resolved()).isFalse();
    assertThat(r.problem()).isEqualTo("service m is not ready");
  }

  @Test
  void aFrameworkPredictorIsCalledWithTheV1PredictPathOfTheServicesName() {
    assertThat(resolve("sklearn: {storageUri: gs://b/m}").url())
        .isEqualTo(ADDRESS + "/v1/models/m:predict");
    assertThat(resolve("sklearn: {storageUri: gs://b/m, protocolVersion: v2}").url())
        .isEqualTo(ADDRESS + "/v2/models/m/infer");
  }

  @Test
  void theModelNameComesFromArgumentsOrMlServersVariable() {
    assertThat(
            resolve(
                    "model: {modelFormat: {name: sklearn}, storageUri: gs://b/m, args:"
                        + " [\"--model_name=iris\"]}")
                .url())
        .isEqualTo(ADDRESS + "/v1/models/iris:predict");
    assertThat(
            resolve(
                    "model: {modelFormat: {name: sklearn}, storageUri: gs://b/m, args:"
                        + " [\"--model-name\", \"flowers\"]}")
                .url())
        .isEqualTo(ADDRESS + "/v1/models/flowers:predict");
    assertThat(
            resolve(
                    "model: {modelFormat: {name: sklearn}, storageUri: gs://b/m, protocolVersion:"
                        + " v2, env: [{name: MLSERVER_MODEL_NAME, value: ml}]}")
                .url())
        .isEqualTo(ADDRESS + "/v2/models/ml/infer");
  }

  @Test
  void aNamedRuntimeDecidesTheProtocolWhenThePredictorStatesNone() {
    assertThat(
            resolve("model: {modelFormat: {name: xgboost}, runtime: both, storageUri: gs://b/m}")
                .url())
        .isEqualTo(ADDRESS + "/v2/models/m/infer");
    assertThat(
            resolve(
                    "model: {modelFormat: {name: xgboost}, runtime: unstated, storageUri:"
                        + " gs://b/m}")
                .url())
        .isEqualTo(ADDRESS + "/v1/models/m:predict");
    assertThat(
            resolve(
                    "model: {modelFormat: {name: xgboost}, runtime: grpc-only, storageUri:"
                        + " gs://b/m}")
                .problem())
        .isEqualTo("the runtime does not support a protocol compatible with Inference Graphs");
    assertThat(
            resolve("model: {modelFormat: {name: xgboost}, runtime: absent, storageUri: gs://b/m}")
                .problem())
        .isEqualTo("No ServingRuntimes or ClusterServingRuntimes with the name: absent");
  }

  @Test
  void customContainersSpeakTheirProtocolVariable() {
    assertThat(
            resolve(
                    """
                    containers:
                      - name: kserve-container
                        image: example.com/server:1
                        args: ["--model_name", "custom"]
                        env: [{name: PROTOCOL, value: v2}]
                    """)
                .url())
        .isEqualTo(ADDRESS + "/v2/models/custom/infer");
  }

  @Test
  void aMultiModelPredictorGetsTheBareAddress() {
    assertThat(resolve("model: {modelFormat: {name: sklearn}}").url()).isEqualTo(ADDRESS);
    assertThat(
            resolve(
                    """
                    containers:
                      - name: kserve-container
                        image: example.com/server:1
                        env: [{name: MULTI_MODEL_SERVER, value: "true"}]
                    """)
                .url())
        .isEqualTo(ADDRESS);
  }
}
