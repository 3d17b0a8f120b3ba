package dev.kserve4j.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kserve4j.api.v1beta1.Batcher;
import dev.kserve4j.server.config.BatchingConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmbeddedLaunchTest {
  @Test
  void readsTheModelShapingFlagsInBothSpellingsAndIgnoresProcessFlags() {
    EmbeddedLaunch launch = EmbeddedLaunch.fromArgs(List.of("serve", "--model-dir=/mnt/models",
        "--model-format", "onnx", "--option=intraOpThreads=2", "--option", "interOpThreads=1",
        "--max-batch-size=16", "--max-queue-delay-us", "250", "--batch-instances=2",
        "--http-port=8080"));

    assertThat(launch.format()).isEqualTo("onnx");
    assertThat(launch.options()).isEqualTo(Map.of("intraOpThreads", "2", "interOpThreads", "1"));
    assertThat(launch.batching()).isEqualTo(new BatchingConfig(16, 250, 2));
  }

  @Test
  void noFormatMeansNotAnEmbeddedLaunchAndNoBatchSizeMeansNoBatching() {
    assertThat(EmbeddedLaunch.fromArgs(List.of("--model-dir=/mnt/models"))).isNull();
    assertThat(EmbeddedLaunch.fromArgs(List.of("--model-format=xgboost")).batching()).isNull();
  }

  @Test
  void malformedValuesNameTheArg() {
    assertThatThrownBy(() -> EmbeddedLaunch.fromArgs(List.of("--model-format=onnx", "--max-batch-size=0")))
        .hasMessage("container arg --max-batch-size '0': expected a positive integer");
    assertThatThrownBy(() -> EmbeddedLaunch.fromArgs(List.of("--model-format=onnx", "--option=threads")))
        .hasMessage("container arg --option 'threads': expected KEY=VALUE, e.g. --option=intraOpThreads=2");
  }

  @Test
  void kserveBatcherBatchesInFrontOfTheModelWithKServeDefaults() {
    EmbeddedLaunch plain = EmbeddedLaunch.fromArgs(List.of("--model-format=onnx"));
    assertThat(plain.withBatcher(null)).isSameAs(plain);
    assertThat(plain.withBatcher(new Batcher(8, 20, null, null)).batching())
        .isEqualTo(new BatchingConfig(8, 20_000, 1));
    assertThat(plain.withBatcher(new Batcher(null, null, null, null)).batching())
        .isEqualTo(new BatchingConfig(32, 5_000_000, 1));
  }

  @Test
  void anNvidiaGpuInTheResourcesPlacesOnnxAndPyTorchModelsOnCuda() {
    io.fabric8.kubernetes.api.model.ResourceRequirements gpu = new io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder()
        .addToLimits("nvidia.com/gpu", new io.fabric8.kubernetes.api.model.Quantity("1")).build();
    io.fabric8.kubernetes.api.model.ResourceRequirements cpuOnly = new io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder()
        .addToLimits("cpu", new io.fabric8.kubernetes.api.model.Quantity("1")).build();

    assertThat(EmbeddedLaunch.fromArgs(List.of("--model-format=onnx")).withGpuResources(gpu).options())
        .containsEntry("device", "cuda");
    assertThat(EmbeddedLaunch.fromArgs(List.of("--model-format=pytorch")).withGpuResources(gpu).options())
        .containsEntry("device", "cuda");
    assertThat(EmbeddedLaunch.fromArgs(List.of("--model-format=onnx")).withGpuResources(cpuOnly).options())
        .doesNotContainKey("device");
    assertThat(EmbeddedLaunch.fromArgs(List.of("--model-format=xgboost")).withGpuResources(gpu).options())
        .as("no GPU path in the xgboost runtime: CPU").doesNotContainKey("device");
    assertThat(EmbeddedLaunch.fromArgs(List.of("--model-format=onnx", "--option=device=cuda:1"))
        .withGpuResources(gpu).options()).containsEntry("device", "cuda:1");
  }

  @Test
  void kserve4jImagesAreRecognisedByRepositoryName() {
    assertThat(EmbeddedRuntimes.isKserve4jImage("ghcr.io/kserve4j/kserve4j-server:0.1.0")).isTrue();
    assertThat(EmbeddedRuntimes.isKserve4jImage("kserve4j@sha256:0123")).isTrue();
    assertThat(EmbeddedRuntimes.isKserve4jImage("localhost:5000/kserve4j")).isTrue();
    assertThat(EmbeddedRuntimes.isKserve4jImage("kserve/sklearnserver:latest")).isFalse();
    assertThat(EmbeddedRuntimes.isKserve4jImage("kserve4j.io/other:1")).isFalse();
    assertThat(EmbeddedRuntimes.isKserve4jImage(null)).isFalse();
  }
}
