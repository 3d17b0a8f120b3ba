package dev.kserve4j.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NameRuleTest {

  @ParameterizedTest
  @CsvSource({
    "iris, true",
    "a, true",
    "my-model-2, true",
    "A_B, false",
    "Iris, false",
    "1abc, false",
    "abc-, false",
    "-abc, false",
    "a.b, false",
    "../../etc, false",
    "a/b, false",
    "'', false",
  })
  void serviceNamesAreKServesPattern(String name, boolean matches) {
    assertThat(NameRule.SERVICE.matches(name)).isEqualTo(matches);
    assertThat(NameRule.SERVICE.accepts(name)).isEqualTo(matches);
  }

  @ParameterizedTest
  @CsvSource({"63, true", "64, false", "300, false"})
  void serviceNamesAreAtMost63Characters(int length, boolean accepted) {
    String name = "a".repeat(length);

    assertThat(NameRule.SERVICE.matches(name)).isTrue();
    assertThat(NameRule.SERVICE.accepts(name)).isEqualTo(accepted);
    assertThat(NameRule.SERVICE.tooLong(name))
        .isEqualTo(accepted ? Optional.empty() : Optional.of("must be no more than 63 characters"));
  }

  @ParameterizedTest
  @CsvSource({
    "iris, true",
    "My_Model, true",
    "resnet50.v2, true",
    "_x, true",
    "a..b, true",
    "., false",
    "..,false",
    ".hidden, false",
    "../x, false",
    "..%2F.., false",
    "a/b, false",
    "a\\b, false",
    "a b, false",
    "'', false",
  })
  void modelNamesNameOneDirectory(String name, boolean accepted) {
    assertThat(NameRule.MODEL.accepts(name)).isEqualTo(accepted);
    assertThat(NameRule.modelNameProblem(name).isEmpty()).isEqualTo(accepted);
  }

  @Test
  void modelNameProblemsSayWhatIsExpected() {
    assertThat(NameRule.modelNameProblem("../x"))
        .hasValue(
            "model name '../x' is invalid: a model name names one directory and must consist of"
                + " letters, digits, '_', '-' or '.', and must not start with '.' (e.g."
                + " \"my-model\" or \"resnet_50.v2\", regex used for validation is"
                + " '[A-Za-z0-9_][A-Za-z0-9_.-]*')");
    assertThat(NameRule.modelNameProblem("m".repeat(256)))
        .hasValue(
            "model name '"
                + "m".repeat(40)
                + "...' (256 characters) is too long: must be no more than 255 characters");
    assertThat(NameRule.modelNameProblem("m".repeat(255))).isEmpty();
  }
}
