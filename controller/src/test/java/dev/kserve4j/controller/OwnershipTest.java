package dev.kserve4j.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rendered object is owned by its InferenceService, so that the garbage collector deletes it
 * with the InferenceService, and is labelled with it; Services select exactly their Deployment's
 * pods.
 */
class OwnershipTest {

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.kserve4j.controller.GoldenCases#cases")
  void everyObjectIsOwnedAndLabelled(GoldenCases.Case c) throws IOException {
    GoldenCases.Rendered r = GoldenCases.render(c);
    assertThat(r.objects()).isNotEmpty();
    for (HasMetadata object : r.objects()) {
      String what = object.getKind() + " " + object.getMetadata().getName();
      assertThat(object.getMetadata().getNamespace())
          .as("namespace of %s", what)
          .isEqualTo(r.plan().namespace());
      assertThat(object.getMetadata().getLabels())
          .as("labels of %s", what)
          .containsEntry("serving.kserve.io/inferenceservice", r.isvc().getMetadata().getName());
      if (r.isvc().getMetadata().getLabels() != null) {
        assertThat(object.getMetadata().getLabels())
            .as("labels of %s", what)
            .containsAllEntriesOf(r.isvc().getMetadata().getLabels());
      }
      assertThat(object.getMetadata().getOwnerReferences())
          .as("owner references of %s", what)
          .hasSize(1);
      OwnerReference owner = object.getMetadata().getOwnerReferences().getFirst();
      assertThat(owner.getApiVersion()).isEqualTo("serving.kserve.io/v1beta1");
      assertThat(owner.getKind()).isEqualTo("InferenceService");
      assertThat(owner.getName()).isEqualTo(r.isvc().getMetadata().getName());
      assertThat(owner.getUid()).isEqualTo(r.isvc().getMetadata().getUid());
      assertThat(owner.getController()).as("controller of %s", what).isTrue();
      assertThat(owner.getBlockOwnerDeletion()).as("blockOwnerDeletion of %s", what).isTrue();
    }
    for (HasMetadata object : r.objects()) {
      if (object instanceof Service service) {
        Deployment deployment =
            r.objects().stream()
                .filter(Deployment.class::isInstance)
                .map(Deployment.class::cast)
                .filter(d -> d.getMetadata().getName().equals(service.getMetadata().getName()))
                .findFirst()
                .orElseThrow();
        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
            .containsAllEntriesOf(service.getSpec().getSelector());
        assertThat(deployment.getSpec().getSelector().getMatchLabels())
            .isEqualTo(service.getSpec().getSelector());
      }
    }
  }
}
