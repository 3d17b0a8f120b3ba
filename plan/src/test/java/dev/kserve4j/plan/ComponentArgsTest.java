package dev.kserve4j.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The args a transformer or explainer container gets, as KServe's controller gives them. */
class ComponentArgsTest {
  private static Container container(String... args) {
    return new ContainerBuilder().withName("kserve-container").withArgs(args).build();
  }

  @Test
  void aTransformerGetsWhatItLacks() {
    Container c =
        ComponentArgs.append(
            container("--model_name=mnist"), false, "mnist", "mnist-predictor.models", 4L, "v1");
    assertThat(c.getArgs())
        .containsExactly(
            "--model_name=mnist",
            "--predictor_host",
            "mnist-predictor.models",
            "--http_port",
            "8080",
            "--workers",
            "4",
            "--protocol",
            "v1");
  }

  @Test
  void kserve4jSpellingsCountAsGiven() {
    Container c =
        ComponentArgs.append(
            container("serve", "--model-name=t", "--http-port=9000", "--protocol=v2"),
            false,
            "isvc",
            "isvc-predictor.default",
            null,
            "v1");
    assertThat(c.getArgs())
        .isEqualTo(
            List.of(
                "serve",
                "--model-name=t",
                "--http-port=9000",
                "--protocol=v2",
                "--predictor_host",
                "isvc-predictor.default"));
  }

  @Test
  void anExplainerAlwaysGetsHttpPortAsInKServe() {
    Container c =
        ComponentArgs.append(
            container("--http_port=9000", "--predictor_host=x"), true, "i", "p.d", null, "v2");
    assertThat(c.getArgs())
        .containsExactly(
            "--http_port=9000",
            "--predictor_host=x",
            "--model_name",
            "i",
            "--http_port",
            "8080",
            "--protocol",
            "v2");
  }
}
