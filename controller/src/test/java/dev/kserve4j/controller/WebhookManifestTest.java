package dev.kserve4j.controller;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.kserve4j.controller.webhook.AdmissionRoutes;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * deploy/webhooks/webhook.yaml sends each KServe webhook to a path the controller serves, with a
 * CA.
 */
class WebhookManifestTest {
  private static List<JsonNode> docs;

  @BeforeAll
  static void read() throws IOException {
    docs = new ArrayList<>();
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    try (var parser =
        yaml.getFactory()
            .createParser(
                GoldenCases.repoRoot().resolve("deploy/webhooks/webhook.yaml").toFile())) {
      yaml.readValues(parser, JsonNode.class).forEachRemaining(docs::add);
    }
  }

  private static JsonNode only(String kind) {
    return docs.stream()
        .filter(d -> d.path("kind").asText().equals(kind))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void everyWebhookPathIsServedAndEveryServedPathIsRegistered() {
    Map<String, String> pathByName = new TreeMap<>();
    JsonNode service = only("Service");
    String cert =
        only("Certificate").path("metadata").path("namespace").asText()
            + "/"
            + only("Certificate").path("metadata").path("name").asText();
    for (JsonNode doc : docs) {
      if (!doc.path("kind").asText().equals("ValidatingWebhookConfiguration")) {
        continue;
      }
      assertThat(
              doc.path("metadata")
                  .path("annotations")
                  .path("cert-manager.io/inject-ca-from")
                  .asText())
          .isEqualTo(cert);
      for (JsonNode hook : doc.path("webhooks")) {
        JsonNode target = hook.path("clientConfig").path("service");
        assertThat(target.path("name").asText())
            .isEqualTo(service.path("metadata").path("name").asText());
        assertThat(target.path("namespace").asText())
            .isEqualTo(service.path("metadata").path("namespace").asText());
        assertThat(hook.path("admissionReviewVersions").toString()).contains("\"v1\"");
        pathByName.put(hook.path("name").asText(), target.path("path").asText());
      }
    }
    try (KubernetesClient unused = new KubernetesClientBuilder().build()) {
      assertThat(pathByName.values())
          .containsExactlyInAnyOrderElementsOf(new AdmissionRoutes(unused).all().keySet());
    }
    assertThat(pathByName)
        .containsEntry(
            "servingruntime.kserve-webhook-server.validator", AdmissionRoutes.SERVING_RUNTIME)
        .containsEntry(
            "inferenceservice.kserve-webhook-server.validator", AdmissionRoutes.INFERENCE_SERVICE);
    assertThat(only("Certificate").path("spec").path("dnsNames").toString())
        .contains(
            service.path("metadata").path("name").asText()
                + "."
                + service.path("metadata").path("namespace").asText()
                + ".svc");
  }
}
