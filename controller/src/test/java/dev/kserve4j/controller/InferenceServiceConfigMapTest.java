package dev.kserve4j.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kserve4j.common.testing.Required;
import dev.kserve4j.plan.DeploymentMode;
import dev.kserve4j.plan.PlanConfig;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** KServe's {@code inferenceservice-config} read into the operator's settings. */
@EnableKubernetesMockClient(crud = true)
class InferenceServiceConfigMapTest {
  KubernetesClient client;

  @Test
  void kserveOwnConfigMapGivesKServeDefaults() throws IOException {
    Path fixture =
        GoldenCases.repoRoot()
            .resolveSibling("shared")
            .resolve("fixtures")
            .resolve("kserve-config")
            .resolve("inferenceservice-configmap.yaml");
    Required.that(Files.isRegularFile(fixture), "KServe's ConfigMap fixture is absent: " + fixture);

    ControllerConfig config =
        InferenceServiceConfigMap.apply(read(fixture).getData(), ControllerConfig.defaults());

    assertThat(config.plan().defaultDeploymentMode()).isEqualTo(DeploymentMode.KNATIVE);
    assertThat(config.plan().ingressDomain()).isEqualTo("example.com");
    assertThat(config.plan().domainTemplate()).isEqualTo(PlanConfig.DEFAULT_DOMAIN_TEMPLATE);
    assertThat(config.plan().defaultRequests())
        .isEqualTo(Map.of("cpu", new Quantity("1"), "memory", new Quantity("2Gi")));
    assertThat(config.plan().defaultLimits())
        .isEqualTo(Map.of("cpu", new Quantity("1"), "memory", new Quantity("2Gi")));
    assertThat(config.render().storageInitializerImage())
        .isEqualTo("kserve/storage-initializer:latest");
    assertThat(config.render().storageInitializerArgs())
        .as("KServe's image runs its own entrypoint")
        .isEmpty();
    assertThat(config.render().storageInitializerLimits())
        .containsEntry("memory", new Quantity("1Gi"));
    RouterConfig router = config.render().router();
    assertThat(router.image()).isEqualTo("kserve/router:latest");
    assertThat(router.kserve4jImage()).isFalse();
    assertThat(router.propagateHeaders()).isEmpty();
    assertThat(router.imagePullPolicy()).isEqualTo("IfNotPresent");
    assertThat(router.imagePullSecrets()).isEmpty();
    assertThat(router.limits()).containsEntry("memory", new Quantity("1Gi"));
    assertThat(config.render().routing()).isEqualTo(RenderConfig.Routing.INGRESS);
    assertThat(config.render().ingressClassName()).isEqualTo("istio");
  }

  @Test
  void shippedConfigMapAgreesWithTheDefaultsButForStandardMode() throws IOException {
    ConfigMap shipped = read(GoldenCases.repoRoot().resolve("deploy/controller/configmap.yaml"));

    ControllerConfig config =
        InferenceServiceConfigMap.apply(shipped.getData(), ControllerConfig.defaults());

    assertThat(config.plan())
        .isEqualTo(PlanConfig.defaults().withDefaultDeploymentMode(DeploymentMode.STANDARD));
    assertThat(config.render()).isEqualTo(RenderConfig.defaults());
  }

  @Test
  void ingressSettingsChooseTheRoutingAndHosts() {
    ControllerConfig config =
        apply(
            "ingress",
            """
            {"enableGatewayApi": true, "kserveIngressGateway": "gw/main", "ingressGateway": "knative-serving/gw",
             "ingressDomain": "ml.example.org", "urlScheme": "https", "domainTemplate": "{{ .Name }}.{{ .IngressDomain }}",
             "localGatewayService": "local.svc", "ingressClassName": "nginx", "somethingNew": 1}\
            """);

    assertThat(config.render().routing()).isEqualTo(RenderConfig.Routing.GATEWAY_API);
    assertThat(config.render().gateway()).isEqualTo("gw/main");
    assertThat(config.render().knativeIngressGateway()).isEqualTo("knative-serving/gw");
    assertThat(config.render().knativeLocalGatewayService()).isEqualTo("local.svc");
    assertThat(config.render().ingressClassName()).isEqualTo("nginx");
    assertThat(config.plan().ingressDomain()).isEqualTo("ml.example.org");
    assertThat(config.plan().urlScheme()).isEqualTo("https");
    assertThat(config.plan().domainTemplate()).isEqualTo("{{ .Name }}.{{ .IngressDomain }}");
    assertThat(
            apply("ingress", "{\"ingressGateway\": \"a/b\", \"disableIngressCreation\": true}")
                .render()
                .routing())
        .isEqualTo(RenderConfig.Routing.NONE);
    assertThat(
            apply("deploy", "{\"defaultDeploymentMode\": \"RawDeployment\"}")
                .plan()
                .defaultDeploymentMode())
        .isEqualTo(DeploymentMode.STANDARD);
  }

  @Test
  void malformedSettingsNameTheKeyAndWhatWasExpected() {
    assertThatThrownBy(() -> apply("ingress", "{\"ingressDomain\": \"example.com\","))
        .hasMessageContaining("key 'ingress' is not valid JSON")
        .hasMessageContaining("expected a JSON object");
    assertThatThrownBy(() -> apply("ingress", "[1]"))
        .hasMessageContaining("key 'ingress' holds ARRAY");
    assertThatThrownBy(
            () -> apply("ingress", "{\"ingressGateway\": \"a/b\", \"enableGatewayApi\": \"yes\"}"))
        .hasMessage("key 'ingress': enableGatewayApi is \"yes\" (expected true or false)");
    assertThatThrownBy(
            () ->
                apply(
                    "ingress", "{\"ingressGateway\": \"a/b\", \"kserveIngressGateway\": \"main\"}"))
        .hasMessage(
            "key 'ingress': kserveIngressGateway is \"main\" (expected <namespace>/<name>)");
    assertThatThrownBy(
            () -> apply("ingress", "{\"ingressGateway\": \"a/b\", \"urlScheme\": \"ftp\"}"))
        .hasMessage("key 'ingress': urlScheme is \"ftp\" (expected http or https)");
    assertThatThrownBy(
            () ->
                apply(
                    "ingress",
                    "{\"ingressGateway\": \"a/b\", \"domainTemplate\": \"{{ .Host }}.x.com\"}"))
        .hasMessageContaining(
            "key 'ingress': domainTemplate '{{ .Host }}.x.com': action '{{ .Host }}' is not"
                + " supported");
    assertThatThrownBy(() -> apply("ingress", "{\"ingressDomain\": \"example.com\"}"))
        .hasMessageContaining("key 'ingress': ingressGateway is required");
    assertThatThrownBy(() -> apply("deploy", "{\"defaultDeploymentMode\": \"ModelMesh\"}"))
        .hasMessage(
            "key 'deploy': defaultDeploymentMode is \"ModelMesh\" (expected Standard,"
                + " RawDeployment, Knative or Serverless; ModelMesh is not supported)");
    assertThatThrownBy(() -> apply("deploy", "{}"))
        .hasMessageContaining("defaultDeploymentMode is required");
    assertThatThrownBy(() -> apply("storageInitializer", "{\"memoryLimit\": \"lots\"}"))
        .hasMessage(
            "key 'storageInitializer': memoryLimit is \"lots\" (expected a Kubernetes quantity such"
                + " as 100Mi or 1Gi)");
    assertThatThrownBy(() -> apply("inferenceService", "{\"resource\": {\"cpuLimit\": 2}}"))
        .hasMessage(
            "key 'inferenceService.resource': cpuLimit is 2 (expected a Kubernetes quantity such as"
                + " 100m or 1)");
    assertThatThrownBy(() -> apply("router", "{\"image\": 7}"))
        .hasMessage("key 'router': image is 7 (expected a string)");
    assertThatThrownBy(() -> apply("router", "{\"headers\": {\"propagate\": \"Authorization\"}}"))
        .hasMessage(
            "key 'router': headers.propagate is \"Authorization\" (expected a JSON array of"
                + " strings)");
    assertThatThrownBy(() -> apply("router", "{\"allowedHosts\": [\"http://scorer/x\"]}"))
        .hasMessageStartingWith(
            "key 'router': allowedHosts: \"http://scorer/x\" is not a host pattern (expected a"
                + " host name");
  }

  @Test
  void routerSettingsIncludeHeadersToPropagateAndAllowedHosts() {
    RouterConfig router =
        apply(
                "router",
                "{\"image\": \"registry.example.com/kserve4j-router:1.0\", \"cpuLimit\": \"2\","
                    + " \"headers\": {\"propagate\": [\"Authorization\", \"X-Team-.*\"]},"
                    + " \"imagePullSecrets\": [\"pull\"],"
                    + " \"allowedHosts\": [\"*.tools.svc.cluster.local\"]}")
            .render()
            .router();
    assertThat(router.kserve4jImage()).isTrue();
    assertThat(router.propagateHeaders()).contains("Authorization,X-Team-.*");
    assertThat(router.allowedHosts()).containsExactly("*.tools.svc.cluster.local");
    assertThat(router.imagePullSecrets()).containsExactly("pull");
    assertThat(router.limits())
        .isEqualTo(Map.of("cpu", new Quantity("2"), "memory", new Quantity("1Gi")));
    assertThat(router.requests()).isEqualTo(RouterConfig.defaults().requests());
    assertThat(RouterConfig.defaults().propagateHeaders())
        .as("no headers key, no PROPAGATE_HEADERS")
        .isEmpty();
    assertThat(
            apply("router", "{\"headers\": {\"propagate\": []}}")
                .render()
                .router()
                .propagateHeaders())
        .as("an empty propagate list still sets PROPAGATE_HEADERS, as in KServe")
        .contains("");
  }

  @Test
  void loadUsesTheClusterConfigMapAndFallsBackToDefaultsWithoutOne() {
    ControllerConfig base = ControllerConfig.defaults();
    assertThat(
            InferenceServiceConfigMap.load(
                client, "kserve4j-system", InferenceServiceConfigMap.NAME, base))
        .isSameAs(base);

    client
        .configMaps()
        .inNamespace("kserve4j-system")
        .resource(
            new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                .withNewMetadata()
                .withName(InferenceServiceConfigMap.NAME)
                .endMetadata()
                .withData(Map.of("deploy", "{\"defaultDeploymentMode\": \"Standard\"}"))
                .build())
        .create();
    assertThat(
            InferenceServiceConfigMap.load(
                    client, "kserve4j-system", InferenceServiceConfigMap.NAME, base)
                .plan()
                .defaultDeploymentMode())
        .isEqualTo(DeploymentMode.STANDARD);

    client
        .configMaps()
        .inNamespace("other")
        .resource(
            new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                .withNewMetadata()
                .withName("isvc-config")
                .endMetadata()
                .withData(Map.of("deploy", "{\"defaultDeploymentMode\": \"Sometimes\"}"))
                .build())
        .create();
    assertThatThrownBy(() -> InferenceServiceConfigMap.load(client, "other", "isvc-config", base))
        .hasMessageStartingWith(
            "ConfigMap other/isvc-config: key 'deploy': defaultDeploymentMode is \"Sometimes\"");
  }

  @Test
  void storageInitializerModeFollowsTheImage() {
    assertThat(
            InferenceServiceConfigMap.storageInitializerArgs(
                "registry.local/mirror/kserve4j-server:0.1.0"))
        .isEqualTo(List.of("storage-initializer"));
    assertThat(
            InferenceServiceConfigMap.storageInitializerArgs(
                "kserve/storage-initializer@sha256:abc"))
        .isEmpty();
  }

  private static ControllerConfig apply(String key, String json) {
    Map<String, String> data = new HashMap<>();
    data.put(key, json);
    data.put("_example", "not JSON: ignored like any unknown key");
    return InferenceServiceConfigMap.apply(data, ControllerConfig.defaults());
  }

  private static ConfigMap read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return Serialization.unmarshal(in, ConfigMap.class);
    }
  }
}
