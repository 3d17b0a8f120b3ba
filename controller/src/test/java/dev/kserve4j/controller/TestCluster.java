package dev.kserve4j.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kserve4j.api.ResourceCodec;
import dev.kserve4j.api.v1alpha1.ClusterServingRuntime;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import org.awaitility.Awaitility;

/**
 * What the controller tests share: a test API server set up as a cluster, waiting, golden files.
 */
final class TestCluster {
  private TestCluster() {}

  /**
   * Installs the named CRDs of {@code deploy/crds} (plurals) and kserve4j's ClusterServingRuntimes.
   */
  static void install(KubernetesClient client, String... crds) {
    Path root = GoldenCases.repoRoot();
    for (String crd : crds) {
      client
          .apiextensions()
          .v1()
          .customResourceDefinitions()
          .load(root.resolve("deploy/crds/" + crd + ".serving.kserve.io-v1.yml").toFile())
          .create();
    }
    for (HasMetadata runtime :
        new ResourceCodec().readAll(root.resolve("deploy/runtimes/kserve4j-runtimes.yaml"))) {
      if (runtime instanceof ClusterServingRuntime csr) {
        client.resource(csr).create();
      }
    }
  }

  /**
   * The first non-null value of {@code probe}, polled every 100 ms for up to 30 s; the failure
   * names {@code what} was awaited.
   */
  static <T> T await(String what, Supplier<T> probe) {
    return Awaitility.await(what)
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(probe::get, Objects::nonNull);
  }

  /**
   * Compares {@code actual} with the golden file {@code name.objects.yaml}; with {@code
   * -Dkserve4j.updateGolden=true} rewrites it first, after a deliberate change.
   */
  static void assertMatchesGolden(String name, String actual) throws IOException {
    Path expectedFile = GoldenCases.GOLDEN.resolve(name + ".objects.yaml");
    if (Boolean.getBoolean("kserve4j.updateGolden")) {
      Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
    }
    assertThat(expectedFile)
        .as("golden file %s (create it with -Dkserve4j.updateGolden=true)", expectedFile)
        .isRegularFile();
    // assertEquals on strings gives IDEs and surefire a line diff.
    assertEquals(
        Files.readString(expectedFile),
        actual,
        "objects of "
            + name
            + " differ from "
            + expectedFile
            + " (rerun with -Dkserve4j.updateGolden=true if intended)");
  }
}
