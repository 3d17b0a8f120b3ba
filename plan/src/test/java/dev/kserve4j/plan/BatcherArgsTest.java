package dev.kserve4j.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kserve4j.api.v1beta1.Batcher;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatcherArgsTest {

  @Test
  void mapsSizeAndLatencyInMillisecondsToServeFlags() {
    assertThat(BatcherArgs.args(new Batcher(8, 250, 60, Map.of())))
        .containsExactly("--max-batch-size=8", "--max-queue-delay-us=250000");
  }

  @Test
  void unsetFieldsTakeKServesDefaults() {
    assertThat(BatcherArgs.args(new Batcher(null, null, null, Map.of())))
        .containsExactly("--max-batch-size=32", "--max-queue-delay-us=5000000");
  }

  @Test
  void replacesBatchingFlagsAlreadyInTheArgs() {
    List<String> args =
        List.of(
            "serve", "--max-batch-size", "4", "--model-dir=/mnt/models", "--max-queue-delay-us=9");

    assertThat(BatcherArgs.apply(args, new Batcher(16, 10, null, Map.of())))
        .containsExactly(
            "serve",
            "--model-dir=/mnt/models",
            "--max-batch-size=16",
            "--max-queue-delay-us=10000");
    assertThat(BatcherArgs.apply(args, null)).isEqualTo(args);
  }

  @Test
  void onlyAKServe4jServeContainerTakesTheFlags() {
    assertThat(BatcherArgs.takesFlags("ghcr.io/kserve4j/kserve4j-server:0.1.0", List.of("serve")))
        .isTrue();
    assertThat(BatcherArgs.takesFlags("kserve/sklearnserver:v0.14", List.of("serve"))).isFalse();
    assertThat(BatcherArgs.takesFlags("kserve4j-server", List.of("convert"))).isFalse();
    assertThat(BatcherArgs.takesFlags("kserve4j-server", null)).isFalse();
  }
}
