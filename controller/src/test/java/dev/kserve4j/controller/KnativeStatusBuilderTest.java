package dev.kserve4j.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kserve4j.api.knative.Addressable;
import dev.kserve4j.api.knative.Condition;
import dev.kserve4j.api.v1beta1.InferenceServiceStatus;
import dev.kserve4j.api.v1beta1.TrafficTarget;
import dev.kserve4j.plan.InferenceServicePlan;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The status of a predictor, transformer and explainer from their Knative Services' statuses. */
class KnativeStatusBuilderTest {
  private static final Clock T0 =
      Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
  private static final Clock T1 =
      Clock.fixed(Instant.parse("2026-01-01T00:05:00Z"), ZoneOffset.UTC);
  private InferenceServicePlan plan;

  @BeforeEach
  void setUp() throws IOException {
    plan = GoldenCases.plan("knative-explainer").plan();
  }

  private static Optional<KnativeStatusBuilder.KsvcStatus> ready(String ksvc) {
    return Optional.of(
        new KnativeStatusBuilder.KsvcStatus(
            List.of(
                new Condition("Ready", "True", null, null),
                new Condition("RoutesReady", "True", null, null),
                new Condition("ConfigurationsReady", "True", null, null)),
            ksvc + "-00001",
            ksvc + "-00001",
            "http://" + ksvc + ".default.example.com",
            new Addressable("http://" + ksvc + ".default.svc.cluster.local"),
            List.of(new TrafficTarget(null, ksvc + "-00001", null, true, 100L, null, Map.of()))));
  }

  private static Map<String, Optional<KnativeStatusBuilder.KsvcStatus>> services(
      Optional<KnativeStatusBuilder.KsvcStatus> transformer) {
    Map<String, Optional<KnativeStatusBuilder.KsvcStatus>> out = new LinkedHashMap<>();
    out.put("predictor", ready("income-predictor"));
    out.put("transformer", transformer);
    out.put("explainer", ready("income-explainer"));
    return out;
  }

  @Test
  void theIngressWaitsForTheTransformer() {
    Optional<KnativeStatusBuilder.KsvcStatus> failing =
        Optional.of(
            new KnativeStatusBuilder.KsvcStatus(
                List.of(
                    new Condition(
                        "Ready",
                        "False",
                        "RevisionMissing",
                        "Configuration \"income-transformer\" does not have any ready Revision.")),
                "income-transformer-00001",
                null,
                null,
                null,
                List.of()));
    InferenceServiceStatus status =
        new KnativeStatusBuilder(T0, RenderConfig.Routing.INGRESS)
            .status(plan, services(failing), 1L, null);

    assertThat(status.condition("PredictorReady"))
        .get()
        .extracting(Condition::status)
        .isEqualTo("True");
    assertThat(status.condition("TransformerReady"))
        .get()
        .extracting(Condition::status, Condition::reason)
        .containsExactly("False", "RevisionMissing");
    assertThat(status.condition("IngressReady"))
        .get()
        .extracting(Condition::status, Condition::reason)
        .containsExactly("False", "Transformer ingress not created");
    assertThat(status.condition("Ready"))
        .get()
        .extracting(Condition::reason, Condition::message)
        .containsExactly(
            "RevisionMissing",
            "Configuration \"income-transformer\" does not have any ready Revision.");
    assertThat(status.condition("TransformerRouteReady"))
        .as("Knative reported no RoutesReady")
        .isEmpty();
    assertThat(status.condition("RoutesReady"))
        .get()
        .extracting(Condition::status, Condition::reason)
        .containsExactly("Unknown", "TransformerRouteReady not ready");
    assertThat(status.getUrl()).isNull();
  }

  @Test
  void readyComponentsGiveTheInferenceServiceItsUrlAndKeepTransitionTimes() {
    InferenceServiceStatus first =
        new KnativeStatusBuilder(T0, RenderConfig.Routing.INGRESS)
            .status(plan, services(ready("income-transformer")), 1L, null);
    assertThat(first.isReady()).isTrue();
    assertThat(first.getUrl()).isEqualTo("http://income.default.example.com");
    assertThat(first.getAddress().url()).isEqualTo("http://income.default.svc.cluster.local");
    assertThat(first.getComponents()).containsOnlyKeys("predictor", "transformer", "explainer");
    assertThat(first.getConditions())
        .extracting(Condition::type)
        .isSorted()
        .contains("ExplainerReady", "ExplainerRoutesReady", "TransformerConfigurationReady");

    InferenceServiceStatus again =
        new KnativeStatusBuilder(T1, RenderConfig.Routing.INGRESS)
            .status(plan, services(ready("income-transformer")), 1L, first);
    assertThat(again).isEqualTo(first);
  }

  @Test
  void withoutARouteTheEntryComponentIsTheAddress() {
    InferenceServiceStatus status =
        new KnativeStatusBuilder(T0, RenderConfig.Routing.NONE)
            .status(plan, services(ready("income-transformer")), 1L, null);
    assertThat(status.getUrl()).isEqualTo("http://income-transformer.default.example.com");
    assertThat(status.getAddress().url())
        .isEqualTo("http://income-transformer.default.svc.cluster.local");
  }

  @Test
  void aKnativeServiceWithoutStatusIsUnknown() {
    Map<String, Optional<KnativeStatusBuilder.KsvcStatus>> none = new LinkedHashMap<>();
    plan.components().forEach(c -> none.put(c.component(), Optional.empty()));
    InferenceServiceStatus status =
        new KnativeStatusBuilder(T0, RenderConfig.Routing.INGRESS).status(plan, none, 1L, null);
    assertThat(status.condition("Ready")).get().extracting(Condition::status).isEqualTo("Unknown");
    assertThat(status.condition("IngressReady"))
        .get()
        .extracting(Condition::reason)
        .isEqualTo("Predictor ingress not created");
    InferenceServiceStatus later =
        new KnativeStatusBuilder(T1, RenderConfig.Routing.INGRESS).status(plan, none, 1L, status);
    assertThat(later).as("Unknown keeps its transition time").isEqualTo(status);
  }
}
