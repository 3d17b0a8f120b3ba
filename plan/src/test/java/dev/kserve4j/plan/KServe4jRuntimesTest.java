package dev.kserve4j.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.kserve4j.api.ProtocolVersion;
import dev.kserve4j.api.ResourceCodec;
import dev.kserve4j.api.v1alpha1.ClusterServingRuntime;
import dev.kserve4j.api.v1beta1.InferenceService;
import dev.kserve4j.api.v1beta1.ModelFormat;
import dev.kserve4j.api.v1beta1.ModelSpec;
import dev.kserve4j.common.testing.Required;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * kserve4j's ClusterServingRuntimes ({@code deploy/runtimes/kserve4j-runtimes.yaml}) as KServe's
 * runtime selection sees them: alone, and installed beside KServe's default runtimes.
 */
class KServe4jRuntimesTest {
  private static final Path RUNTIMES = Path.of("deploy", "runtimes", "kserve4j-runtimes.yaml");
  private static final ResourceCodec CODEC = new ResourceCodec();

  /** The repository root: {@code kserve4j.repoRoot}, else the nearest ancestor holding the file. */
  private static Path repoRoot() {
    String configured = System.getProperty("kserve4j.repoRoot");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured).toAbsolutePath().normalize();
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(RUNTIMES))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "no ancestor of "
            + Path.of("").toAbsolutePath()
            + " contains "
            + RUNTIMES
            + " (or set -Dkserve4j.repoRoot)");
  }

  private static List<RuntimeCandidate> clusterRuntimes(Path file) {
    return CODEC.readAll(file).stream()
        .filter(ClusterServingRuntime.class::isInstance)
        .map(r -> RuntimeCandidate.of((ClusterServingRuntime) r))
        .toList();
  }

  private static List<RuntimeCandidate> ours() {
    return clusterRuntimes(repoRoot().resolve(RUNTIMES));
  }

  /**
   * KServe's default ClusterServingRuntimes: the files its {@code kustomization.yaml} installs (the
   * folder also holds runtimes KServe does not install by default, e.g. OpenVINO). The calling test
   * is skipped where they are absent.
   */
  private static List<RuntimeCandidate> kserveDefaults() throws IOException {
    Path dir =
        repoRoot()
            .resolveSibling("shared")
            .resolve("fixtures")
            .resolve("kserve-config")
            .resolve("runtimes");
    Required.that(
        Files.isRegularFile(dir.resolve("kustomization.yaml")),
        "KServe's default runtimes are absent: " + dir);
    JsonNode kustomization =
        new ObjectMapper(new YAMLFactory()).readTree(dir.resolve("kustomization.yaml").toFile());
    List<RuntimeCandidate> out = new ArrayList<>();
    for (JsonNode resource : kustomization.path("resources")) {
      out.addAll(clusterRuntimes(dir.resolve(resource.asText())));
    }
    assertThat(out)
        .extracting(RuntimeCandidate::name)
        .contains("kserve-tritonserver", "kserve-xgbserver", "kserve-lgbserver", "kserve-mlserver");
    return out;
  }

  /** The predictor's model of a KServe InferenceService, read as a user would write it. */
  private static ModelSpec predictor(String format, String version, String protocol) {
    String yaml =
        """
        apiVersion: serving.kserve.io/v1beta1
        kind: InferenceService
        metadata:
          name: example
        spec:
          predictor:
            model:
              modelFormat:
                name: %s%s%s
              storageUri: s3://models/example
        """
            .formatted(
                format,
                version == null ? "" : "\n        version: \"" + version + "\"",
                protocol == null ? "" : "\n      protocolVersion: " + protocol);
    ModelSpec model =
        CODEC
            .read(yaml, "example.yaml", InferenceService.class)
            .getSpec()
            .getPredictor()
            .getModel();
    assertThat(model.getModelFormat().version()).isEqualTo(version);
    assertThat(model.getProtocolVersion())
        .as("protocolVersion read from %s", yaml)
        .isEqualTo(
            protocol == null
                ? null
                : ProtocolVersion.valueOf(
                    protocol.toUpperCase(java.util.Locale.ROOT).replace('-', '_')));
    return model;
  }

  private static String selected(ModelSpec model, List<RuntimeCandidate> cluster) {
    RuntimeSelection s =
        RuntimeSelector.select(
            model.getModelFormat(),
            model.getRuntime(),
            model.getProtocolVersion(),
            List.of(),
            cluster);
    assertThat(s)
        .as("selection for %s", RuntimeSelector.label(model.getModelFormat()))
        .isInstanceOf(RuntimeSelection.Selected.class);
    return ((RuntimeSelection.Selected) s).runtime().name();
  }

  static Stream<Arguments> formatsAndProtocols() {
    return formatsAndProtocols(
        List.of("onnx", "xgboost", "lightgbm", "pmml", "pytorch", "tensorflow", "sklearn"));
  }

  /** The formats where kserve4j also wins beside KServe's defaults (see the runtimes file). */
  static Stream<Arguments> winningFormatsAndProtocols() {
    return formatsAndProtocols(List.of("onnx", "xgboost", "lightgbm", "pmml", "sklearn"));
  }

  private static Stream<Arguments> formatsAndProtocols(List<String> formats) {
    List<Arguments> out = new ArrayList<>();
    for (String format : formats) {
      for (String protocol : new String[] {null, "v2", "grpc-v2"}) {
        out.add(Arguments.of(format, protocol));
      }
    }
    return out.stream();
  }

  @Test
  void oneRuntimePerFormatRunningTheServerOnTheModelDirectory() {
    List<RuntimeCandidate> ours = ours();
    assertThat(ours)
        .extracting(RuntimeCandidate::name)
        .containsExactly(
            "kserve4j-onnx",
            "kserve4j-xgboost",
            "kserve4j-lightgbm",
            "kserve4j-pmml",
            "kserve4j-pytorch",
            "kserve4j-tensorflow",
            "kserve4j-sklearn",
            "kserve4j-llm");
    for (RuntimeCandidate r :
        ours.stream().filter(r -> !r.name().equals("kserve4j-llm")).toList()) {
      String format = r.name().substring("kserve4j-".length());
      assertThat(r.clusterScoped()).isTrue();
      assertThat(r.spec().getSupportedModelFormats())
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.name()).isEqualTo(format);
                assertThat(f.autoSelect()).isTrue();
                assertThat(f.priority()).isEqualTo(2);
              });
      assertThat(r.spec().getProtocolVersions())
          .containsExactly(ProtocolVersion.V1, ProtocolVersion.V2, ProtocolVersion.GRPC_V2);
      assertThat(r.spec().getContainers())
          .singleElement()
          .satisfies(
              c -> {
                assertThat(c.getImage()).isEqualTo("ghcr.io/kserve4j/kserve4j-server:0.1.0");
                assertThat(c.getArgs())
                    .startsWith("serve")
                    .contains(
                        "--model-dir=/mnt/models",
                        "--model-name={{.Name}}",
                        "--model-format=" + format);
              });
    }
  }

  @ParameterizedTest(name = "{0}, protocol {1}")
  @MethodSource("formatsAndProtocols")
  void eachFormatSelectsItsKServe4jRuntime(String format, String protocol) {
    assertThat(selected(predictor(format, null, protocol), ours())).isEqualTo("kserve4j-" + format);
  }

  @ParameterizedTest(name = "{0}, protocol {1}")
  @MethodSource("winningFormatsAndProtocols")
  void besideKServesDefaultsKServe4jWins(String format, String protocol) throws IOException {
    List<RuntimeCandidate> all = new ArrayList<>(kserveDefaults());
    all.addAll(ours());
    assertThat(selected(predictor(format, null, protocol), all)).isEqualTo("kserve4j-" + format);
  }

  @Test
  void kserveDefaultsAloneChooseByTheirOwnPriorities() throws IOException {
    List<RuntimeCandidate> defaults = kserveDefaults();
    assertThat(selected(predictor("onnx", null, "v2"), defaults)).isEqualTo("kserve-tritonserver");
    assertThat(
            RuntimeSelector.select(new ModelFormat("onnx", null), null, null, List.of(), defaults))
        .as("Triton speaks no v1")
        .isInstanceOf(RuntimeSelection.NoSupportingRuntime.class);
    assertThat(selected(predictor("xgboost", null, null), defaults)).isEqualTo("kserve-xgbserver");
    // mlserver's priority 2 beats xgbserver's 1 where both speak the protocol.
    assertThat(selected(predictor("xgboost", null, "v2"), defaults)).isEqualTo("kserve-mlserver");
    assertThat(selected(predictor("lightgbm", null, "v2"), defaults)).isEqualTo("kserve-mlserver");
  }

  @Test
  void equalPriorityWithMlserverIsDecidedByTheLowerProtocol() throws IOException {
    List<RuntimeCandidate> all = new ArrayList<>(kserveDefaults());
    all.addAll(ours());
    ModelSpec model = predictor("xgboost", null, "v2");
    List<String> order =
        RuntimeSelector.supporting(
                model.getModelFormat(), model.getProtocolVersion(), List.of(), all)
            .stream()
            .map(RuntimeCandidate::name)
            .toList();
    // Both priority 2: kserve4j lists v1, mlserver starts at v2; then xgbserver with priority 1.
    assertThat(order).containsExactly("kserve4j-xgboost", "kserve-mlserver", "kserve-xgbserver");
  }

  @Test
  void theLlmRuntimeTakesGgufAndHuggingFaceButLeavesHuggingFaceToKServeInACluster()
      throws IOException {
    RuntimeCandidate llm =
        ours().stream().filter(r -> r.name().equals("kserve4j-llm")).findFirst().orElseThrow();
    assertThat(llm.spec().getProtocolVersions())
        .containsExactly(ProtocolVersion.V2, ProtocolVersion.V1);
    assertThat(llm.spec().getContainers().get(0).getArgs()).contains("--model-format=gguf");
    for (String format : List.of("gguf", "huggingface")) {
      assertThat(selected(predictor(format, null, null), ours()))
          .as(format)
          .isEqualTo("kserve4j-llm");
    }
    List<RuntimeCandidate> all = new ArrayList<>(kserveDefaults());
    all.addAll(ours());
    assertThat(selected(predictor("gguf", null, null), all)).isEqualTo("kserve4j-llm");
    // What KServe's defaults pick on their own (its multinode runtime has priority 2) stays picked.
    assertThat(selected(predictor("huggingface", null, null), all))
        .isEqualTo(selected(predictor("huggingface", null, null), kserveDefaults()))
        .startsWith("kserve-huggingfaceserver");
  }

  @Test
  void torchServeAndTensorFlowServingKeepTheirFormatsUnlessKServe4jIsNamed() throws IOException {
    List<RuntimeCandidate> all = new ArrayList<>(kserveDefaults());
    all.addAll(ours());
    // Equal priority 2 and v1 first on both sides: KServe's name sorts first.
    assertThat(selected(predictor("pytorch", null, null), all)).isEqualTo("kserve-torchserve");
    assertThat(selected(predictor("tensorflow", null, null), all))
        .isEqualTo("kserve-tensorflow-serving");
    ModelSpec named = predictor("pytorch", null, "v2");
    named.setRuntime("kserve4j-pytorch");
    assertThat(selected(named, all)).isEqualTo("kserve4j-pytorch");
  }

  @Test
  void aModelNamingAFormatVersionKeepsKServesVersionedRuntimes() throws IOException {
    List<RuntimeCandidate> all = new ArrayList<>(kserveDefaults());
    all.addAll(ours());
    assertThat(selected(predictor("xgboost", "2", null), all)).isEqualTo("kserve-xgbserver");
    assertThat(selected(predictor("onnx", "1", "v2"), all)).isEqualTo("kserve-tritonserver");
  }
}
