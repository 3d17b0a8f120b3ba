package dev.kserve4j.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's test command, {@code ./mvnw verify}, on a machine without a JDK >= 21: it stops at
 * once with one line naming the JDK it needs, where it looked and how to install one.
 */
class MavenWrapperTest {
  @Test
  void withoutAJdk21ItStopsAtOnceWithOneLineSayingWhatToInstall(@TempDir Path empty)
      throws IOException, InterruptedException {
    Path root = Modules.read().root();
    ProcessBuilder builder = new ProcessBuilder(root.resolve("mvnw").toString(), "verify");
    builder.directory(root.toFile());
    builder.environment().put("JAVA_HOME", empty.toString());
    builder.environment().put("KSERVE4J_JVM_DIR", empty.toString());
    Process mvnw = builder.redirectOutput(ProcessBuilder.Redirect.DISCARD).start();

    assertThat(mvnw.waitFor(10, TimeUnit.SECONDS)).as("mvnw exits within 10 s").isTrue();
    String stderr = new String(mvnw.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(mvnw.exitValue()).isEqualTo(1);
    assertThat(stderr.lines()).hasSize(1);
    assertThat(stderr)
        .contains("needs a JDK >= 21")
        .contains("JAVA_HOME=" + empty)
        .contains(empty + "/*")
        .contains("apt-get install openjdk-21-jdk-headless");
    assertThat(Files.list(empty)).as("nothing written").isEmpty();
  }
}
