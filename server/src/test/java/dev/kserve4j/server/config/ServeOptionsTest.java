package dev.kserve4j.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kserve4j.testing.BadServeArgs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ServeOptionsTest {
  @Test
  void readsARuntimeContainersArgsInBothSpellingsWithTheCommandsDefaults() {
    ServeOptions options =
        ServeOptions.parse(
            List.of(
                "serve",
                "--model-dir=/mnt/models",
                "--model-name",
                "iris",
                "--model-format=onnx",
                "--option=intraOpThreads=2",
                "--option",
                "interOpThreads=1",
                "--device=cuda:1",
                "--max-batch-size",
                "16",
                "--max-queue-delay-us=250",
                "--host=0.0.0.0",
                "--http-port=8080"));

    assertThat(options.modelDir()).isEqualTo(Path.of("/mnt/models"));
    assertThat(options.modelName()).isEqualTo("iris");
    assertThat(options.modelFormat()).isEqualTo("onnx");
    assertThat(options.modelOptions())
        .containsExactly(
            Map.entry("intraOpThreads", "2"),
            Map.entry("interOpThreads", "1"),
            Map.entry("device", "cuda:1"));
    assertThat(options.batching()).isEqualTo(new BatchingConfig(16, 250, 1));
    assertThat(options.serverConfig(List.of()).host()).isEqualTo("0.0.0.0");
    assertThat(options.grpcPort()).isEqualTo(8081);
    assertThat(options.maxRequestBytes()).isEqualTo(ServerConfig.DEFAULT_MAX_REQUEST_BYTES);
    assertThat(options.drainSeconds()).isEqualTo(30);
  }

  @Test
  void kserveSpellingsOfTheComponentFlagsAreRead() {
    // What KServe's controller appends to an explainer's or transformer's container.
    ServeOptions options =
        ServeOptions.parse(
            List.of("serve", "--model_name", "iris", "--http_port", "8085", "--protocol", "v2"));

    assertThat(options.modelName()).isEqualTo("iris");
    assertThat(options.httpPort()).isEqualTo(8085);
  }

  @Test
  void noBatchSizeMeansNoBatchingAndNoDeviceLeavesTheOptionsAsGiven() {
    ServeOptions options =
        ServeOptions.parse(List.of("--model-format=xgboost", "--option=nthread=1"));

    assertThat(options.batching()).isNull();
    assertThat(options.modelOptions()).isEqualTo(Map.of("nthread", "1"));
    assertThat(options.modelDir()).isNull();
  }

  static Stream<BadServeArgs> badArgs() {
    return BadServeArgs.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badArgs")
  void badArgsAreRefusedNamingTheFlag(BadServeArgs bad) {
    assertThatThrownBy(() -> ServeOptions.parse(bad.args()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(bad.message());
  }

  @Test
  void anUnknownFlagSuggestsTheNearestKnownOneAndAStrayArgumentIsNamed() {
    assertThatThrownBy(() -> ServeOptions.parse(List.of("--max-batch=8")))
        .hasMessage(
            "Unknown option: '--max-batch=8' (expected: flags of kserve4j serve, e.g."
                + " --max-request-bytes or --max-batch-size or --max-queue-delay-us)");
    assertThatThrownBy(() -> ServeOptions.parse(List.of("--model-format=onnx", "extra")))
        .hasMessageStartingWith("Unmatched argument at index 1: 'extra'");
  }

  @Test
  void flagsThatDoNotGoTogetherAreRefused() {
    assertThatThrownBy(() -> ServeOptions.parse(List.of("--config=m.yaml", "--device=cpu")))
        .hasMessage(
            "--model-name, --model-format, --model-version, --max-batch-size, --device and --option"
                + " apply to --model-dir only; with --config m.yaml set them per model in that"
                + " file");
    assertThatThrownBy(() -> ServeOptions.parse(List.of("--config=m.yaml", "--model-dir=x")))
        .hasMessage("give either --config or --model-dir, not both");
    assertThatThrownBy(() -> ServeOptions.parse(List.of("--model-config=models.json")))
        .hasMessage(
            "--model-config: models.json (expected: used with --model-repository DIR,"
                + " where the models it lists are pulled)");
  }

  @Test
  void aModelClassIsACustomModelNamedAfterItsClassAndItsFlagsAreChecked() {
    ServeOptions options =
        ServeOptions.parse(
            List.of(
                "--model-class=com.acme.MyTransformer",
                "--classpath=/m/a.jar:/m/b.jar",
                "--option=k=v",
                "--predictor-host=p:80"));
    ModelConfig model = options.customModel(Path.of("/m"));

    assertThat(model.name()).isEqualTo("mytransformer");
    assertThat(model.format()).isEqualTo("custom");
    assertThat(model.directory()).isEqualTo(Path.of("/m"));
    assertThat(model.options())
        .containsEntry("k", "v")
        .containsEntry("predictorHost", "p:80")
        .containsEntry("modelClass", "com.acme.MyTransformer")
        .containsEntry("classpath", "/m/a.jar:/m/b.jar");
    assertThat(
            ServeOptions.parse(List.of("--model-class=com.acme.M", "--model-name=iris"))
                .customModelName())
        .isEqualTo("iris");
    assertThatThrownBy(() -> ServeOptions.parse(List.of("--classpath=/m/a.jar")))
        .hasMessage(
            "--classpath: '/m/a.jar' (expected: used with --model-class CLASS, the class it"
                + " holds)");
    assertThatThrownBy(
            () -> ServeOptions.parse(List.of("--model-class=com.acme.M", "--model-format=onnx")))
        .hasMessage(
            "--model-format: 'onnx' with --model-class com.acme.M (expected: custom or no"
                + " --model-format, as --model-class serves a custom model)");
    assertThatThrownBy(
            () -> ServeOptions.parse(List.of("--model-class=com.acme.M", "--config=m.yaml")))
        .hasMessageStartingWith("--model-class and --classpath apply to a single model");
  }

  @Test
  void anAtSignIsAValueNotAFileToRead() {
    assertThat(ServeOptions.parse(List.of("--model-name", "@models")).modelName())
        .isEqualTo("@models");
  }

  /**
   * Prints the bind address that {@code serve}'s flags {@code args} give, for {@link
   * #theEnvironmentSetsTheDefaultBindAddressAndHostStillWins}, which runs it in a JVM of its own
   * with the environment under test.
   */
  public static void main(String[] args) {
    System.out.print(ServeOptions.parse(List.of(args)).host());
  }

  private static String hostInChildJvm(String hostEnv, String... args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                ServeOptionsTest.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder child = new ProcessBuilder(command).redirectErrorStream(true);
    child.environment().remove(ServeFlags.HOST_ENV);
    if (hostEnv != null) {
      child.environment().put(ServeFlags.HOST_ENV, hostEnv);
    }
    Process p = child.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("child JVM exited within 60 s").isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  @Test
  void theEnvironmentSetsTheDefaultBindAddressAndHostStillWins() throws Exception {
    assertThat(hostInChildJvm(null)).isEqualTo("127.0.0.1");
    assertThat(hostInChildJvm("0.0.0.0")).isEqualTo("0.0.0.0");
    assertThat(hostInChildJvm("0.0.0.0", "--host=127.0.0.2")).isEqualTo("127.0.0.2");
  }
}
