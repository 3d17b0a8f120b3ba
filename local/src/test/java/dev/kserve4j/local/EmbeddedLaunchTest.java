package dev.kserve4j.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kserve4j.api.v1beta1.Batcher;
import dev.kserve4j.server.config.BatchingConfig;
import dev.kserve4j.testing.BadServeArgs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EmbeddedLaunchTest {
  @Test
  void readsTheModelShapingFlagsInBothSpellingsAndIgnoresProcessFlags() {
    EmbeddedLaunch launch =
        EmbeddedLaunch.fromArgs(
            List.of(
                "serve",
                "--model-dir=/mnt/models",
                "--model-format",
                "onnx",
                "--option=intraOpThreads=2",
                "--option",
                "interOpThreads=1",
                "--max-batch-size=16",
                "--max-queue-delay-us",
                "250",
                "--batch-instances=2",
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

  static Stream<BadServeArgs> badArgs() {
    return BadServeArgs.all().stream();
  }

  /** The same table {@code kserve4j serve} is tested with: a runtime's args are its flags. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("badArgs")
  void badArgsAreRefusedAsTheServeCommandRefusesThem(BadServeArgs bad) {
    List<String> args =
        new ArrayList<>(List.of("serve", "--model-dir=/mnt/models", "--model-format=onnx"));
    args.addAll(bad.args());

    assertThatThrownBy(() -> EmbeddedLaunch.fromArgs(args))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("container args: ")
        .hasMessageContaining(bad.message());
  }

  @Test
  void deviceFlagPlacesTheModelAndTheQueueDelayMayBeZero() {
    EmbeddedLaunch launch =
        EmbeddedLaunch.fromArgs(
            List.of(
                "--model-format=pytorch",
                "--device=cuda:0",
                "--max-batch-size=4",
                "--max-queue-delay-us=0"));

    assertThat(launch.options()).isEqualTo(Map.of("device", "cuda:0"));
    assertThat(launch.batching()).isEqualTo(new BatchingConfig(4, 0, 1));
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
    io.fabric8.kubernetes.api.model.ResourceRequirements gpu =
        new io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder()
            .addToLimits("nvidia.com/gpu", new io.fabric8.kubernetes.api.model.Quantity("1"))
            .build();
    io.fabric8.kubernetes.api.model.ResourceRequirements cpuOnly =
        new io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder()
            .addToLimits("cpu", new io.fabric8.kubernetes.api.model.Quantity("1"))
            .build();

    assertThat(
            EmbeddedLaunch.fromArgs(List.of("--model-format=onnx")).withGpuResources(gpu).options())
        .containsEntry("device", "cuda");
    assertThat(
            EmbeddedLaunch.fromArgs(List.of("--model-format=pytorch"))
                .withGpuResources(gpu)
                .options())
        .containsEntry("device", "cuda");
    assertThat(
            EmbeddedLaunch.fromArgs(List.of("--model-format=onnx"))
                .withGpuResources(cpuOnly)
                .options())
        .doesNotContainKey("device");
    assertThat(
            EmbeddedLaunch.fromArgs(List.of("--model-format=xgboost"))
                .withGpuResources(gpu)
                .options())
        .as("no GPU path in the xgboost runtime: CPU")
        .doesNotContainKey("device");
    assertThat(
            EmbeddedLaunch.fromArgs(List.of("--model-format=onnx", "--option=device=cuda:1"))
                .withGpuResources(gpu)
                .options())
        .containsEntry("device", "cuda:1");
  }
}
