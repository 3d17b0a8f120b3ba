package dev.kserve4j.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kserve4j.api.ResourceCodec;
import dev.kserve4j.api.v1beta1.InferenceService;
import io.fabric8.kubernetes.api.model.Quantity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The ConfigMap-driven plan settings: {@code domainTemplate} and {@code inferenceService.resource}.
 */
class PlanConfigTest {
  private static final Path GOLDEN = Path.of("src", "test", "resources", "golden");

  @Test
  void domainTemplateFillsNameNamespaceDomainAnnotationsAndLabels() {
    DomainTemplate t =
        DomainTemplate.parse(
            "{{ .Name }}.{{ .Annotations.team }}.{{ index .Labels \"tier\" }}.{{.Namespace}}.{{"
                + " .IngressDomain }}");

    assertThat(
            t.render(
                "iris-predictor",
                "models",
                "ml.example.org",
                Map.of("team", "fraud"),
                Map.of("tier", "gold")))
        .isEqualTo("iris-predictor.fraud.gold.models.ml.example.org");
  }

  @Test
  void domainTemplateRefusesUnsupportedActionsAndHostsThatAreNotDomainNames() {
    assertThatThrownBy(() -> DomainTemplate.parse("{{ .Name | upper }}.example.com"))
        .hasMessageContaining("action '{{ .Name | upper }}' is not supported")
        .hasMessageContaining("{{ .Annotations.key }}");
    assertThatThrownBy(() -> DomainTemplate.parse("{{ .Name }.example.com"))
        .hasMessageContaining("not closed");
    // A missing annotation renders empty, leaving an empty DNS label.
    DomainTemplate t = DomainTemplate.parse("{{ .Name }}.{{ .Annotations.team }}.example.com");
    assertThatThrownBy(() -> t.render("iris", "models", "example.com", Map.of(), Map.of()))
        .hasMessageContaining("invalid domain name \"iris..example.com\"");
  }

  @Test
  void standardModeHostsFollowTheDomainTemplate() throws IOException {
    PlanConfig config =
        new PlanConfig(
            "ml.example.org",
            "https",
            DeploymentMode.KNATIVE,
            "{{ .Name }}.{{ .Namespace }}.{{ .IngressDomain }}",
            Map.of(),
            Map.of());
    InferenceServicePlan standard = plan("transformer", config);

    assertThat(standard.url()).isEqualTo("https://torch-transformer.models.ml.example.org");
    assertThat(standard.predictor().host())
        .isEqualTo("torch-transformer-predictor.models.ml.example.org");
  }

  @Test
  void resourceDefaultsFillWhatTheSpecLeavesUnsetAndOverrideTheRuntime() throws IOException {
    PlanConfig config =
        new PlanConfig(
            PlanConfig.DEFAULT_INGRESS_DOMAIN,
            PlanConfig.DEFAULT_URL_SCHEME,
            DeploymentMode.STANDARD,
            PlanConfig.DEFAULT_DOMAIN_TEMPLATE,
            Map.of("cpu", new Quantity("1"), "memory", new Quantity("2Gi")),
            Map.of("cpu", new Quantity("1"), "memory", new Quantity("2Gi")));
    InferenceServicePlan plan = plan("transformer", config);

    var predictor = plan.predictor().container().getResources();
    assertThat(predictor.getRequests())
        .containsEntry("cpu", new Quantity("1"))
        .containsEntry("memory", new Quantity("2Gi"));
    assertThat(predictor.getLimits()).containsEntry("memory", new Quantity("2Gi"));
    assertThat(plan.transformer().orElseThrow().container().getResources().getLimits())
        .containsEntry("cpu", new Quantity("1"));
  }

  @Test
  void blankDomainTemplateIsRefused() {
    assertThatThrownBy(
            () ->
                new PlanConfig(
                    "example.com", "http", DeploymentMode.STANDARD, " ", Map.of(), Map.of()))
        .hasMessageContaining("domainTemplate is blank");
  }

  private static InferenceServicePlan plan(String name, PlanConfig config) throws IOException {
    ResourceCodec codec = new ResourceCodec();
    InferenceService isvc =
        codec.read(
            Files.readString(GOLDEN.resolve(name + ".isvc.yaml")), name, InferenceService.class);
    PlanResult result =
        new InferenceServicePlanner().plan(isvc, List.of(), GoldenPlanTest.ours(), config);
    assertThat(result).isInstanceOf(PlanResult.Planned.class);
    return ((PlanResult.Planned) result).plan();
  }
}
