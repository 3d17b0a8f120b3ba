package dev.kserve4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kserve4j.testing.BadServeArgs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** {@code kserve4j serve} refuses bad flags before anything starts, as a runtime's args are. */
class ServeCommandTest {
  static Stream<BadServeArgs> badArgs() {
    return BadServeArgs.all().stream();
  }

  /** The same table embedded mode's runtime args are tested with. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("badArgs")
  void badFlagsExitTwoWithTheMessageARuntimesArgsGet(BadServeArgs bad) {
    List<String> args =
        new ArrayList<>(List.of("serve", "--model-dir=/mnt/models", "--model-format=onnx"));
    args.addAll(bad.args());
    StringWriter err = new StringWriter();
    CommandLine command = Kserve4jCommand.commandLine().setErr(new PrintWriter(err, true));

    int status = command.execute(args.toArray(String[]::new));

    assertThat(status).as(err.toString()).isEqualTo(2);
    assertThat(err.toString()).contains(bad.message());
  }
}
