package dev.kserve4j.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.kserve4j.api.v1alpha1.ClusterServingRuntime;
import dev.kserve4j.api.v1alpha1.SupportedModelFormat;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** KServe's default ClusterServingRuntimes read into our types and written back unchanged. */
class KServeRuntimesTest {
  private static final ObjectMapper TREES = new ObjectMapper(new YAMLFactory());
  private final ResourceCodec codec = new ResourceCodec();

  private static List<Path> runtimeFiles() throws IOException {
    try (Stream<Path> files = Files.list(KServeFixtures.kserveConfig().resolve("runtimes"))) {
      return files.filter(f -> f.getFileName().toString().startsWith("kserve-")).sorted().toList();
    }
  }

  @Test
  void everyDefaultRuntimeRoundTrips() throws IOException {
    List<Path> files = runtimeFiles();
    assertThat(files).hasSizeGreaterThanOrEqualTo(10);
    for (Path file : files) {
      List<HasMetadata> read = codec.readAll(file);
      assertThat(read).as(file.toString()).allMatch(ClusterServingRuntime.class::isInstance);
      assertThat(TREES.readTree(codec.toYaml(read)))
          .as(file.toString())
          .isEqualTo(TREES.readTree(Files.readString(file)));
    }
  }

  @Test
  void sklearnServerDeclaresItsFormatsAndProtocols() {
    Path file = KServeFixtures.kserveConfig().resolve("runtimes/kserve-sklearnserver.yaml");
    ClusterServingRuntime runtime = (ClusterServingRuntime) codec.readAll(file).get(0);

    assertThat(runtime.getMetadata().getName()).isEqualTo("kserve-sklearnserver");
    assertThat(runtime.getSpec().getSupportedModelFormats())
        .extracting(SupportedModelFormat::name)
        .contains("sklearn");
    assertThat(runtime.getSpec().getSupportedModelFormats())
        .filteredOn(f -> f.name().equals("sklearn"))
        .allSatisfy(f -> assertThat(f.autoSelect()).isTrue());
    assertThat(runtime.getSpec().getProtocolVersions())
        .contains(ProtocolVersion.V1, ProtocolVersion.V2);
    assertThat(runtime.getSpec().getContainers())
        .extracting(c -> c.getName())
        .contains("kserve-container");
  }
}
