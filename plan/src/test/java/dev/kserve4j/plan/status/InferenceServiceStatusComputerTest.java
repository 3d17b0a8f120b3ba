package dev.kserve4j.plan.status;

import static dev.kserve4j.plan.status.RolloutPropagationTest.R1;
import static dev.kserve4j.plan.status.RolloutPropagationTest.R2;
import static dev.kserve4j.plan.status.RolloutPropagationTest.latest;
import static dev.kserve4j.plan.status.RolloutPropagationTest.prev;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.kserve4j.api.ResourceCodec;
import dev.kserve4j.api.knative.Condition;
import dev.kserve4j.api.v1alpha1.ClusterServingRuntime;
import dev.kserve4j.api.v1beta1.CanaryStatus;
import dev.kserve4j.api.v1beta1.FailureReason;
import dev.kserve4j.api.v1beta1.InferenceService;
import dev.kserve4j.api.v1beta1.InferenceServiceStatus;
import dev.kserve4j.api.v1beta1.ModelState;
import dev.kserve4j.api.v1beta1.TrafficTarget;
import dev.kserve4j.api.v1beta1.TransitionStatus;
import dev.kserve4j.plan.InferenceServicePlan;
import dev.kserve4j.plan.InferenceServicePlanner;
import dev.kserve4j.plan.PlanConfig;
import dev.kserve4j.plan.PlanResult;
import dev.kserve4j.plan.RuntimeCandidate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The one InferenceService status computation, case by case against what KServe's controller
 * writes: Knative form (revisions, traffic, rollout, conditions across components) and Standard
 * form (component conditions, canaries).
 */
class InferenceServiceStatusComputerTest {
  private static final ResourceCodec CODEC = new ResourceCodec();
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant T1 = Instant.parse("2026-01-01T00:05:00Z");
  private static final InferenceServiceStatusComputer AT_T0 = computer(T0);
  private static final InferenceServiceStatusComputer AT_T1 = computer(T1);

  private static final String RUNTIME =
      """
      apiVersion: serving.kserve.io/v1alpha1
      kind: ClusterServingRuntime
      metadata: {name: kserve4j-sklearn}
      spec:
        supportedModelFormats: [{name: sklearn, autoSelect: true, priority: 2}]
        protocolVersions: [v1, v2]
        containers:
          - name: kserve-container
            image: ghcr.io/kserve4j/kserve4j-server:0.1.0
            args: [serve, --model-dir=/mnt/models, "--model-name={{.Name}}"]
      """;

  private static final String KNATIVE =
      """
      apiVersion: serving.kserve.io/v1beta1
      kind: InferenceService
      metadata: {name: iris, namespace: ml}
      spec:
        predictor:
          canaryTrafficPercent: 10
          model: {modelFormat: {name: sklearn}, storageUri: "gs://models/iris/2"}
      """;

  private static final String KNATIVE_WITH_TRANSFORMER_AND_EXPLAINER =
      """
      apiVersion: serving.kserve.io/v1beta1
      kind: InferenceService
      metadata: {name: iris, namespace: ml}
      spec:
        predictor:
          model: {modelFormat: {name: sklearn}, storageUri: "gs://models/iris/2"}
        transformer:
          containers: [{name: kserve-container, image: example/transformer:1}]
        explainer:
          containers: [{name: kserve-container, image: example/explainer:1}]
      """;

  private static final String STANDARD_WITH_CANARIES =
      """
      apiVersion: serving.kserve.io/v1beta1
      kind: InferenceService
      metadata:
        name: iris
        namespace: ml
        annotations: {serving.kserve.io/deploymentMode: Standard}
      spec:
        predictor:
          model: {modelFormat: {name: sklearn}, storageUri: "gs://models/iris/1"}
        transformer:
          containers: [{name: kserve-container, image: example/transformer:1}]
        canary:
          - trafficPercent: 10
            predictor: {name: v2, model: {modelFormat: {name: sklearn}, storageUri: "gs://models/iris/2"}}
          - trafficPercent: 20
            predictor: {name: v3, model: {modelFormat: {name: sklearn}, storageUri: "gs://models/iris/3"}}
      """;

  private static InferenceServiceStatusComputer computer(Instant at) {
    return new InferenceServiceStatusComputer(Clock.fixed(at, ZoneOffset.UTC));
  }

  private static InferenceServicePlan plan(String yaml) {
    InferenceService isvc = CODEC.read(yaml, "isvc", InferenceService.class);
    RuntimeCandidate runtime =
        RuntimeCandidate.of(CODEC.read(RUNTIME, "runtime", ClusterServingRuntime.class));
    PlanResult result =
        new InferenceServicePlanner()
            .plan(isvc, List.of(), List.of(runtime), PlanConfig.defaults());
    assertThat(result).isInstanceOf(PlanResult.Planned.class);
    return ((PlanResult.Planned) result).plan();
  }

  private static ComponentObservation knative(
      ConditionState ready,
      ConditionState configuration,
      String created,
      String readyRevision,
      List<TrafficTarget> traffic,
      ModelFailure failure) {
    return new ComponentObservation(
        ready,
        ConditionState.TRUE,
        configuration,
        created,
        readyRevision,
        traffic,
        "http://iris-predictor.ml.example.com",
        null,
        failure,
        null,
        null);
  }

  private static ComponentObservation knativeReady(
      String created, String ready, List<TrafficTarget> traffic) {
    return knative(ConditionState.TRUE, ConditionState.TRUE, created, ready, traffic, null);
  }

  private static Observed knativeObserved(Map<String, ComponentObservation> components) {
    return new Observed(components, Map.of(), ConditionState.UNKNOWN, Observed.AddressRule.PLANNED);
  }

  private static Map<String, String> statuses(InferenceServiceStatus s) {
    return s.getConditions().stream()
        .collect(
            java.util.stream.Collectors.toMap(
                Condition::type, Condition::status, (a, b) -> a, java.util.TreeMap::new));
  }

  private static Condition condition(InferenceServiceStatus s, String type) {
    return s.condition(type).orElseThrow(() -> new AssertionError("no condition " + type));
  }

  @Test
  void knativeFirstDeploySendsEverythingToTheLatestAndIsReady() {
    InferenceServicePlan plan = plan(KNATIVE);
    InferenceServiceStatus s =
        AT_T0.compute(
            plan,
            knativeObserved(
                Map.of("predictor", knativeReady(R1, R1, List.of(latest(R1, 100, null))))),
            1L,
            null);

    assertThat(s.getConditions())
        .extracting(Condition::type)
        .containsExactly(
            "IngressReady",
            "LatestDeploymentReady",
            "PredictorConfigurationReady",
            "PredictorReady",
            "PredictorRouteReady",
            "Ready",
            "RoutesReady");
    assertThat(statuses(s)).allSatisfy((type, status) -> assertThat(status).isEqualTo("True"));
    assertThat(s.getUrl()).isEqualTo("http://iris.ml.example.com");
    assertThat(s.getDeploymentMode()).isEqualTo("Knative");
    assertThat(s.getClusterServingRuntimeName()).isEqualTo("kserve4j-sklearn");
    var predictor = s.getComponents().get("predictor");
    assertThat(predictor.latestRolledoutRevision()).isEqualTo(R1);
    assertThat(predictor.latestCreatedRevision()).isEqualTo(R1);
    assertThat(predictor.url()).isEqualTo("http://iris-predictor.ml.example.com");
    assertThat(s.getModelStatus().transitionStatus()).isEqualTo(TransitionStatus.UP_TO_DATE);
    assertThat(s.getModelStatus().states().activeModelState()).isEqualTo(ModelState.LOADED);
  }

  @Test
  void knativeCanaryReportsTheSplitAndPromotionAndRollbackMoveTheRevisions() {
    InferenceServicePlan plan = plan(KNATIVE);
    InferenceServiceStatus first =
        AT_T0.compute(
            plan,
            knativeObserved(
                Map.of("predictor", knativeReady(R1, R1, List.of(latest(R1, 100, null))))),
            1L,
            null);

    List<TrafficTarget> split = List.of(latest(R2, 10, "latest"), prev(R1, 90));
    InferenceServiceStatus canary =
        AT_T1.compute(
            plan, knativeObserved(Map.of("predictor", knativeReady(R2, R2, split))), 2L, first);
    var predictor = canary.getComponents().get("predictor");
    assertThat(predictor.traffic())
        .extracting(
            TrafficTarget::tag,
            TrafficTarget::revisionName,
            TrafficTarget::latestRevision,
            TrafficTarget::percent)
        .containsExactly(tuple("latest", R2, true, 10L), tuple("prev", R1, false, 90L));
    assertThat(predictor.latestReadyRevision()).isEqualTo(R2);
    assertThat(predictor.latestRolledoutRevision()).isEqualTo(R1);
    assertThat(canary.isReady()).isTrue();
    assertThat(canary.getObservedGeneration()).isEqualTo(2L);
    assertThat(canary.getConditions())
        .as("nothing changed status, so no time moved")
        .isEqualTo(first.getConditions());

    InferenceServiceStatus promoted =
        AT_T1.compute(
            plan,
            knativeObserved(
                Map.of("predictor", knativeReady(R2, R2, List.of(latest(R2, 100, null))))),
            3L,
            canary);
    assertThat(promoted.getComponents().get("predictor").latestRolledoutRevision()).isEqualTo(R2);
    assertThat(promoted.getComponents().get("predictor").previousRolledoutRevision()).isEqualTo(R1);

    InferenceServiceStatus rolledBack =
        AT_T1.compute(
            plan,
            knativeObserved(
                Map.of(
                    "predictor",
                    knativeReady(R2, R2, List.of(latest(R2, 0, null), prev(R2, 100))))),
            4L,
            promoted);
    assertThat(rolledBack.getComponents().get("predictor").latestRolledoutRevision()).isEqualTo(R1);
  }

  @Test
  void knativeFailedCandidateKeepsTrafficAndReportsTheReason() {
    InferenceServicePlan plan = plan(KNATIVE);
    InferenceServiceStatus first =
        AT_T0.compute(
            plan,
            knativeObserved(
                Map.of("predictor", knativeReady(R1, R1, List.of(latest(R1, 100, null))))),
            1L,
            null);
    String message = "Revision \"" + R2 + "\" failed with message: model not found.";
    ConditionState failed = ConditionState.failed("RevisionFailed", message);
    ComponentObservation predictor =
        knative(
            failed,
            failed,
            R2,
            R1,
            List.of(latest(R1, 100, null)),
            ModelFailure.loadFailed("model not found", 1));

    InferenceServiceStatus s =
        AT_T1.compute(plan, knativeObserved(Map.of("predictor", predictor)), 2L, first);

    assertThat(condition(s, "PredictorReady"))
        .extracting(Condition::status, Condition::reason, Condition::message)
        .containsExactly("False", "RevisionFailed", message);
    assertThat(condition(s, "PredictorConfigurationReady"))
        .extracting(Condition::status, Condition::reason, Condition::message)
        .containsExactly("False", "RevisionFailed", message);
    assertThat(condition(s, "LatestDeploymentReady"))
        .extracting(Condition::status, Condition::reason)
        .containsExactly("False", "PredictorConfigurationReady not ready");
    assertThat(condition(s, "RoutesReady").status()).isEqualTo("True");
    assertThat(condition(s, "RoutesReady").lastTransitionTime()).isEqualTo(T0.toString());
    assertThat(condition(s, "Ready"))
        .extracting(Condition::status, Condition::reason, Condition::lastTransitionTime)
        .containsExactly("False", "RevisionFailed", T1.toString());
    var component = s.getComponents().get("predictor");
    assertThat(component.latestCreatedRevision()).isEqualTo(R2);
    assertThat(component.latestReadyRevision()).isEqualTo(R1);
    assertThat(component.latestRolledoutRevision()).isEqualTo(R1);
    assertThat(component.traffic()).containsExactly(latest(R1, 100, null));
    assertThat(s.getUrl())
        .as("the URL stays while the old revision serves")
        .isEqualTo(first.getUrl());
    assertThat(s.getModelStatus().transitionStatus())
        .isEqualTo(TransitionStatus.BLOCKED_BY_FAILED_LOAD);
    assertThat(s.getModelStatus().states().activeModelState()).isEqualTo(ModelState.LOADED);
    assertThat(s.getModelStatus().states().targetModelState()).isEqualTo(ModelState.FAILED_TO_LOAD);
    assertThat(s.getModelStatus().lastFailureInfo())
        .extracting(f -> f.reason(), f -> f.modelRevisionName(), f -> f.time(), f -> f.exitCode())
        .containsExactly(FailureReason.MODEL_LOAD_FAILED, R2, T1.toString(), 1);

    InferenceServiceStatus later =
        computer(T1.plusSeconds(60))
            .compute(plan, knativeObserved(Map.of("predictor", predictor)), 2L, s);
    assertThat(later).as("the same failure keeps its times").isEqualTo(s);
  }

  @Test
  void knativeTransformerAndExplainerHaveTheirOwnConditionsAndGateTheIngress() {
    InferenceServicePlan plan = plan(KNATIVE_WITH_TRANSFORMER_AND_EXPLAINER);
    ComponentObservation up = knativeReady(R1, R1, List.of(latest(R1, 100, null)));
    ComponentObservation transformerDown =
        new ComponentObservation(
            ConditionState.failed("RevisionMissing", "no ready revision"),
            null,
            null,
            "iris-transformer-00001",
            null,
            null,
            null,
            null,
            null,
            null,
            null);

    InferenceServiceStatus s =
        AT_T0.compute(
            plan,
            knativeObserved(
                Map.of("predictor", up, "transformer", transformerDown, "explainer", up)),
            1L,
            null);

    assertThat(statuses(s))
        .containsEntry("PredictorReady", "True")
        .containsEntry("TransformerReady", "False")
        .containsEntry("ExplainerReady", "True")
        .containsEntry("ExplainerRoutesReady", "True")
        .containsEntry("ExplainerConfigurationReady", "True")
        .doesNotContainKey("TransformerRouteReady")
        .containsEntry("RoutesReady", "Unknown")
        .containsEntry("Ready", "False");
    assertThat(condition(s, "IngressReady"))
        .extracting(Condition::status, Condition::reason)
        .containsExactly("False", "Transformer ingress not created");
    assertThat(condition(s, "RoutesReady").reason()).isEqualTo("TransformerRouteReady not ready");
    assertThat(s.getUrl()).isNull();

    InferenceServiceStatus all =
        AT_T1.compute(
            plan,
            knativeObserved(Map.of("predictor", up, "transformer", up, "explainer", up)),
            1L,
            s);
    assertThat(all.isReady()).isTrue();
    assertThat(condition(all, "PredictorReady").lastTransitionTime()).isEqualTo(T0.toString());
    assertThat(condition(all, "TransformerReady").lastTransitionTime()).isEqualTo(T1.toString());
    assertThat(all.getUrl()).isEqualTo("http://iris.ml.example.com");
  }

  @Test
  void knativeComponentsNotReportedYetAreUnknown() {
    InferenceServiceStatus s = AT_T0.compute(plan(KNATIVE), knativeObserved(Map.of()), 1L, null);

    assertThat(condition(s, "Ready").status()).isEqualTo("Unknown");
    assertThat(condition(s, "IngressReady"))
        .extracting(Condition::status, Condition::reason)
        .containsExactly("Unknown", "Predictor ingress not created");
    assertThat(s.getModelStatus().states().targetModelState()).isEqualTo(ModelState.PENDING);
  }

  private static Observed standard(
      ConditionState predictor,
      ConditionState transformer,
      Map<String, ComponentObservation> canaries) {
    return new Observed(
        Map.of(
            "predictor", ComponentObservation.standard(predictor, null, 1, 0),
            "transformer", ComponentObservation.standard(transformer, null, 1, 0)),
        canaries,
        ConditionState.TRUE,
        Observed.AddressRule.PLANNED);
  }

  @Test
  void standardReportsEveryComponentAndTheCanariesAsKServeDoes() {
    InferenceServicePlan plan = plan(STANDARD_WITH_CANARIES);
    ComponentObservation v2 = ComponentObservation.standard(ConditionState.TRUE, null, 1, 0);
    ComponentObservation v3 =
        ComponentObservation.standard(
            ConditionState.failed("ModelLoadFailed", "no model in gs://models/iris/3"),
            ModelFailure.loadFailed("no model in gs://models/iris/3", 1),
            1,
            1);

    InferenceServiceStatus s =
        AT_T0.compute(
            plan,
            standard(ConditionState.TRUE, ConditionState.TRUE, Map.of("v2", v2, "v3", v3)),
            1L,
            null);

    assertThat(s.getConditions())
        .extracting(Condition::type, Condition::status)
        .containsExactly(
            tuple("IngressReady", "True"),
            tuple("PredictorReady", "True"),
            tuple("TransformerReady", "True"),
            tuple("CanaryPredictorReady", "False"),
            tuple("Ready", "True"));
    assertThat(condition(s, "CanaryPredictorReady"))
        .extracting(Condition::reason, Condition::message)
        .containsExactly("CanariesNotReady", "canary 'v3': no model in gs://models/iris/3");
    assertThat(s.getCanaryStatuses())
        .extracting(CanaryStatus::name, CanaryStatus::ready, CanaryStatus::trafficPercent)
        .as("KServe reports each canary's trafficPercent as its spec gives it")
        .containsExactly(tuple("v2", true, 10), tuple("v3", false, 20));
    assertThat(s.getCanaryStatuses().get(1).modelStatus().lastFailureInfo().message())
        .isEqualTo("no model in gs://models/iris/3");
    assertThat(plan.stableTrafficPercent(Set.of("v2")))
        .as("only ready canaries take their share from the stable predictor")
        .isEqualTo(90);
    assertThat(plan.stableTrafficPercent(Set.of("v2", "v3"))).isEqualTo(70);
    assertThat(plan.stableTrafficPercent(Set.of())).isEqualTo(100);
    assertThat(s.getUrl()).isEqualTo("http://iris-ml.example.com");
    assertThat(s.getComponents()).containsOnlyKeys("predictor", "transformer");

    InferenceServiceStatus allReady =
        AT_T1.compute(
            plan,
            standard(
                ConditionState.TRUE,
                ConditionState.TRUE,
                Map.of(
                    "v2",
                    v2,
                    "v3",
                    ComponentObservation.standard(ConditionState.TRUE, null, 1, 0))),
            1L,
            s);
    assertThat(condition(allReady, "CanaryPredictorReady"))
        .extracting(Condition::status, Condition::reason, Condition::lastTransitionTime)
        .containsExactly("True", "AllCanariesReady", T1.toString());
    assertThat(condition(allReady, "PredictorReady").lastTransitionTime()).isEqualTo(T0.toString());
  }

  @Test
  void standardNotReadyComponentMakesTheServiceNotReadyWithItsReason() {
    InferenceServicePlan plan = plan(STANDARD_WITH_CANARIES);
    ConditionState down = ConditionState.failed("MinimumReplicasUnavailable", "0 of 1 available");

    InferenceServiceStatus s =
        AT_T0.compute(plan, standard(ConditionState.TRUE, down, Map.of()), 1L, null);

    assertThat(condition(s, "TransformerReady"))
        .extracting(Condition::status, Condition::reason)
        .containsExactly("False", "MinimumReplicasUnavailable");
    assertThat(condition(s, "Ready"))
        .extracting(Condition::status, Condition::reason, Condition::message)
        .containsExactly("False", "MinimumReplicasUnavailable", "0 of 1 available");
    assertThat(condition(s, "CanaryPredictorReady").status())
        .as("canaries not reported yet")
        .isEqualTo("False");
    assertThat(s.getCanaryStatuses()).extracting(CanaryStatus::ready).containsExactly(false, false);
  }
}
