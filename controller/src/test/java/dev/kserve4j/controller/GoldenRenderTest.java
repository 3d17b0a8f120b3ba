package dev.kserve4j.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden tests: each {@code golden/NAME.isvc.yaml} is planned and rendered in Standard mode and
 * the objects' YAML is compared with {@code golden/NAME.objects.yaml}. Run with
 * {@code -Dkserve4j.updateGolden=true} to rewrite the expected files after a deliberate change.
 */
class GoldenRenderTest {

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.kserve4j.controller.GoldenCases#cases")
  void objectsMatchGoldenFile(GoldenCases.Case c) throws IOException {
    String actual = new RenderedYaml().write(GoldenCases.render(c).objects());
    Path expectedFile = GoldenCases.GOLDEN.resolve(c.name() + ".objects.yaml");
    if (Boolean.getBoolean("kserve4j.updateGolden")) {
      Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
    }
    assertThat(expectedFile).as("golden file %s (create it with -Dkserve4j.updateGolden=true)", expectedFile)
        .isRegularFile();
    assertEquals(Files.readString(expectedFile), actual,
        "objects of " + c.name() + " differ from " + expectedFile + " (rerun with -Dkserve4j.updateGolden=true if intended)");
  }
}
