package dev.kserve4j.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kserve4j.api.ResourceCodec;
import dev.kserve4j.api.v1beta1.InferenceService;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code spec.<component>.autoScaling.metrics} under the HPA and KEDA autoscaler classes. */
class AutoScalingMetricsValidationTest {
  private static final String HPA = "hpa";
  private static final String KEDA = "keda";
  private final ResourceCodec codec = new ResourceCodec();
  private final InferenceServiceValidator validator = new InferenceServiceValidator();

  private ValidationResult validate(String autoscalerClass, String metricsYaml) {
    InferenceService isvc =
        codec.read(
            "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n"
                + "  name: iris\n  annotations:\n"
                + "    serving.kserve.io/deploymentMode: Standard\n"
                + "    serving.kserve.io/autoscalerClass: "
                + autoscalerClass
                + "\nspec:\n  predictor:\n    sklearn: {storageUri: gs://b/m}\n"
                + "    autoScaling:\n      metrics:\n"
                + metricsYaml.indent(8),
            "test",
            InferenceService.class);
    return validator.validate(isvc);
  }

  static Stream<Arguments> accepted() {
    return Stream.of(
        Arguments.of(
            HPA,
            "- type: Resource\n  resource: {name: cpu, target: {type: Utilization,"
                + " averageUtilization: 60}}\n"
                + "- type: Resource\n  resource: {name: memory, target: {type: AverageValue,"
                + " averageValue: 2Gi}}\n"),
        Arguments.of(
            HPA,
            "- type: PodMetric\n"
                + "  podmetric:\n"
                + "    metric: {backend: opentelemetry, metricNames: [inflight]}\n"
                + "    target: {type: AverageValue, averageValue: '10'}\n"
                + "- type: External\n"
                + "  external:\n"
                + "    metric: {backend: prometheus, query: q}\n"
                + "    target: {type: Value, value: '30'}\n"),
        Arguments.of(
            KEDA,
            "- type: External\n"
                + "  external:\n"
                + "    metric: {backend: prometheus, query: q, serverAddress: 'http://p:9090'}\n"
                + "    authenticationRef: {authenticationRef: {name: auth}}\n"
                + "    target: {type: Value, value: '50'}\n"
                + "- type: PodMetric\n"
                + "  podmetric:\n"
                + "    metric: {backend: opentelemetry, query: q}\n"
                + "    target: {type: Value, value: '5'}\n"
                + "- type: Resource\n"
                + "  resource: {name: memory, target: {type: AverageValue, averageValue: 1Gi}}\n"));
  }

  @ParameterizedTest
  @MethodSource("accepted")
  void acceptsWhatTheAutoscalerRenders(String autoscalerClass, String metrics) {
    assertThat(validate(autoscalerClass, metrics).errors()).isEmpty();
  }

  static Stream<Arguments> refused() {
    String m0 = "spec.predictor.autoScaling.metrics[0]";
    return Stream.of(
        Arguments.of(
            HPA,
            "- type: Resource\n",
            m0 + ".resource",
            "metricSpec.Resource is not set for resource metric source type"),
        Arguments.of(
            HPA,
            "- type: Resource\n  resource: {name: cpu, target: {type: Utilization,"
                + " averageUtilization: 120}}\n",
            m0 + ".resource.target.averageUtilization",
            "the target utilization percentage should be a [1-100] integer"),
        Arguments.of(
            HPA,
            "- type: Resource\n  resource: {name: cpu, target: {type: Value, value: '1'}}\n",
            m0 + ".resource.target.type",
            "the resource target value type should be Utilization or AverageValue"),
        Arguments.of(
            HPA,
            "- type: External\n  external:\n    metric: {backend: prometheus}\n"
                + "    target: {type: Value, value: '1'}\n",
            m0 + ".external.metric.query",
            "the query should not be empty"),
        Arguments.of(
            HPA,
            "- type: External\n  external:\n    metric: {backend: prometheus, query: q}\n"
                + "    target: {type: Utilization, averageUtilization: 50}\n",
            m0 + ".external.target.type",
            "the target value type should be Value or AverageValue"),
        Arguments.of(
            HPA,
            "- type: PodMetric\n  podmetric:\n    metric: {backend: opentelemetry}\n"
                + "    target: {type: AverageValue, averageValue: '1'}\n",
            m0 + ".podmetric.metric.query",
            "the query should not be empty"),
        Arguments.of(
            HPA,
            "- type: External\n",
            m0 + ".external",
            "metricSpec.External is not set for external metric source type"),
        Arguments.of(
            KEDA,
            "- type: Resource\n  resource: {name: cpu, target: {type: AverageValue,"
                + " averageValue: '1'}}\n",
            m0 + ".resource.target.type",
            "the cpu target value type should be Utilization"),
        Arguments.of(
            KEDA,
            "- type: Resource\n  resource: {name: memory, target: {type: AverageValue,"
                + " averageValue: 512Ki}}\n",
            m0 + ".resource.target.averageValue",
            "the memory target value should be greater than 1 MiB"),
        Arguments.of(
            KEDA,
            "- type: External\n  external:\n    metric: {backend: graphite, query: q}\n"
                + "    target: {type: AverageValue, averageValue: '3'}\n",
            m0 + ".external.target.value",
            "the target threshold value should not be empty"),
        Arguments.of(
            HPA,
            "- type: Resource\n  resource: {name: cpu}\n",
            m0 + ".resource.target",
            "the resource target type should be set"),
        Arguments.of(
            KEDA,
            "- type: External\n  external:\n    target: {type: Value, value: '1'}\n",
            m0 + ".external.metric.query",
            "the query should not be empty"),
        Arguments.of(
            KEDA,
            "- resource: {name: cpu}\n",
            m0 + ".type",
            "the metric source type should be set"),
        Arguments.of(
            KEDA,
            "- type: PodMetric\n",
            m0 + ".podmetric",
            "metricSpec.PodMetric is not set for pod metric source type"),
        Arguments.of(
            KEDA,
            "- type: PodMetric\n  podmetric:\n    metric: {backend: opentelemetry, query: ''}\n"
                + "    target: {type: Value, value: '1'}\n",
            m0 + ".podmetric.metric.query",
            "the query should not be empty"));
  }

  @ParameterizedTest
  @MethodSource("refused")
  void refusesWithKServesMessage(
      String autoscalerClass, String metrics, String path, String message) {
    ValidationResult result = validate(autoscalerClass, metrics);

    assertThat(result.isValid()).isFalse();
    assertThat(result.errors())
        .anySatisfy(
            e -> {
              assertThat(e.path()).isEqualTo(path);
              assertThat(e.message()).contains(message);
            });
  }
}
